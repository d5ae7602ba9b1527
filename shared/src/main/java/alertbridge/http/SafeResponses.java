package alertbridge.http;

import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import alertbridge.table.StoreUnavailable;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one error tail every API handler shares: a refusal becomes its answer, anything unexpected a logged 500
 * that carries no stack trace. Callers get JSON {@code {"error", "detail"}}; a request Twilio signed gets TwiML.
 * Logged as {@code <name>_refused} (status and code) and {@code <name>_failed} (the exception's class).
 */
public final class SafeResponses {
    private SafeResponses() {
    }

    /**
     * For callers: a refusal is its 4xx JSON; the table out of reach 503 JSON ({@code store_unavailable}); any other
     * failure 500 JSON saying {@code failureDetail}.
     */
    public static APIGatewayProxyResponseEvent json(JsonLog log, String name, String failureDetail,
                                                    Supplier<APIGatewayProxyResponseEvent> work) {
        try {
            return work.get();
        } catch (Refusal e) {
            refused(log, name, e);
            return ApiResponses.error(e);
        } catch (StoreUnavailable e) {
            // an outage, not a bug: 503 tells the sender to try again (a monitoring tool retries a resolve)
            log.error(name + "_store_unavailable", "error", e.getMessage());
            return ApiResponses.error(503, "store_unavailable", "the incidents table cannot be reached just now; try again shortly");
        } catch (RuntimeException e) {
            log.error(name + "_failed", "error", e.getClass().getName());
            return ApiResponses.error(500, "internal", failureDetail);
        }
    }

    /** For a request whose Twilio signature checked out: whatever happens, Twilio gets TwiML. */
    public static APIGatewayProxyResponseEvent twiml(JsonLog log, String name, Supplier<APIGatewayProxyResponseEvent> work,
                                                     Function<Refusal, APIGatewayProxyResponseEvent> whenRefused,
                                                     Supplier<APIGatewayProxyResponseEvent> whenFailed) {
        try {
            return work.get();
        } catch (Refusal e) {
            refused(log, name, e);
            return whenRefused.apply(e);
        } catch (RuntimeException e) {
            log.error(name + "_failed", "error", e.getClass().getName());
            return whenFailed.get();
        }
    }

    private static void refused(JsonLog log, String name, Refusal e) {
        log.info(name + "_refused", "status", ApiResponses.status(e), "error", e.code());
    }
}
