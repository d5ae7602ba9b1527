package alertbridge.snapstart;

import alertbridge.ids.Randomness;
import alertbridge.log.JsonLog;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks for the handlers (docs/snapstart in the README): {@link #register} in each handler's
 * Lambda constructor, {@link #prime} in {@code beforeCheckpoint}, {@link #restore} in {@code afterRestore}.
 *
 * <p>Priming runs the code a first request runs, so the snapshot holds its classes loaded and initialised and some of
 * it compiled, without any effect outside the process: the SDKs' request paths run against clients that answer from
 * memory ({@link PrimingSteps}), and the handler itself is driven only with requests it refuses before it reads or
 * writes anything (a wrong alert token, a bad Twilio signature). Their log lines are formatted but not written
 * ({@link JsonLog#muted}). A step that fails is logged by name and the others still run: priming must never stop the
 * snapshot (the function then only starts less warm).
 */
public final class Priming {
    private static final JsonLog LOG = JsonLog.forComponent("snapstart");
    /** org.crac's global context may hold its resources weakly: these strong references keep them registered. */
    private static final List<Resource> HELD = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** One named piece of priming or restoring. */
    public record Step(String name, Work work) {
    }

    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    public static Step step(String name, Work work) {
        return new Step(name, work);
    }

    /**
     * Registers a handler for SnapStart's hooks (a no-op outside a CRaC runtime, as in tests and ./local/run). Only the
     * Lambda constructors call this: a handler built for a test or the local runner is never registered globally.
     */
    public static void register(Resource handler) {
        HELD.add(handler);
        Core.getGlobalContext().register(handler);
    }

    /**
     * {@code beforeCheckpoint}: runs every step with its log lines muted, then logs {@code snapstart_primed} with the
     * whole duration and each step's ({@code stepMs}: {@code name:millis}).
     */
    public static void prime(String function, Step... steps) {
        run("snapstart_primed", function, true, List.of(steps));
    }

    /**
     * {@code afterRestore}: re-seeds our randomness ({@link Randomness#reseed}), then runs every step (each must be
     * bounded: AWS SDK calls are, {@code AwsClients}; Lambda allows the hook 10 s), then logs
     * {@code snapstart_restored}.
     */
    public static void restore(String function, Step... steps) {
        List<Step> all = new ArrayList<>();
        all.add(step("randomness", Randomness::reseed));
        all.addAll(List.of(steps));
        run("snapstart_restored", function, false, all);
    }

    private static void run(String event, String function, boolean muted, List<Step> steps) {
        long started = System.nanoTime();
        List<String> failed = new ArrayList<>();
        List<String> stepMillis = new ArrayList<>();
        for (Step step : steps) {
            long stepStarted = System.nanoTime();
            Runnable attempt = () -> {
                try {
                    step.work().run();
                } catch (Exception | LinkageError e) {
                    failed.add(step.name() + ":" + e.getClass().getSimpleName());
                }
            };
            if (muted) {
                JsonLog.muted(attempt);
            } else {
                attempt.run();
            }
            stepMillis.add(step.name() + ":" + (System.nanoTime() - stepStarted) / 1_000_000);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (failed.isEmpty()) {
            LOG.info(event, "function", function, "durationMs", millis, "stepMs", stepMillis);
        } else {
            LOG.warn(event, "function", function, "durationMs", millis, "stepMs", stepMillis, "failed", failed);
        }
    }

    /**
     * The route of the daily keep-alive (template.yaml, {@code KeepAlive} events): a SnapStart version not invoked for
     * 14 days loses its snapshot and then fails its next invocation with {@code SnapStartNotReadyException}, which for
     * us would be an alert refused or a callee hearing an application error. No API route has this path, and API
     * Gateway sets {@code resource} to the route it matched, so only a direct invoke (IAM) can carry it.
     */
    public static final String KEEP_ALIVE_RESOURCE = "/_snapstart/keep-alive";

    /** The scheduled keep-alive, answered {@link #keptAlive()} at once: nothing read, written or logged. */
    public static boolean isKeepAlive(APIGatewayProxyRequestEvent event) {
        return event != null && KEEP_ALIVE_RESOURCE.equals(event.getResource());
    }

    public static APIGatewayProxyResponseEvent keptAlive() {
        return new APIGatewayProxyResponseEvent().withStatusCode(204);
    }

    /** An API Gateway (REST, v1) event as the stage would deliver it, for a request the handler must refuse. */
    public static APIGatewayProxyRequestEvent apiRequest(String method, String path, Map<String, String> headers, String body) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setPath("/Prod" + path);
        context.setStage("Prod");
        context.setHttpMethod(method);
        context.setRequestId("snapstart-priming");
        context.setDomainName("priming.execute-api.us-east-1.amazonaws.com");
        java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
        all.put("Host", "priming.execute-api.us-east-1.amazonaws.com");
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource(path)
                .withHeaders(all)
                .withQueryStringParameters(Map.of("incident", "SnapStartPriming000000"))
                .withMultiValueQueryStringParameters(Map.of("incident", List.of("SnapStartPriming000000")))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
    }

    /** An API request carrying an alert token no configuration holds: refused with 401 before any read. */
    public static APIGatewayProxyRequestEvent wrongToken(String method, String path, String contentType, String body) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Authorization", "Bearer " + unguessable()));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return apiRequest(method, path, headers, body);
    }

    /** A Twilio webhook to {@code path} carrying a signature no auth token makes: refused with 403 before any read. */
    public static APIGatewayProxyRequestEvent unsignedWebhook(String path, String body) {
        return apiRequest("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", unguessable()), body);
    }

    /** A value no configuration holds: a fresh 256-bit token (an alert token or a Twilio signature to be refused). */
    public static String unguessable() {
        byte[] bytes = new byte[32];
        Randomness.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Fails the step unless the handler refused the synthetic request with {@code status}. */
    public static void expect(int status, APIGatewayProxyResponseEvent response) {
        if (response == null || response.getStatusCode() == null || response.getStatusCode() != status) {
            throw new IllegalStateException("priming request answered " + (response == null ? null : response.getStatusCode())
                    + ", not " + status);
        }
    }
}
