package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import alertbridge.fuzz.Contract;
import alertbridge.fuzz.Inputs;
import alertbridge.log.JsonLog;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.CountingDynamoDb;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * POST /alert end to end under generated requests (jqwik, fixed seed), with moto (DynamoDB, SSM) and the Twilio stand-in:
 * no 500, no exception escapes, every refusal is a 4xx JSON {error, detail}, and a refused request writes nothing
 * and dials nobody. 502 is the documented answer when Twilio placed none of the calls, so it counts as handled.
 */
class AlertHandlerFuzzTest {
    private static LocalAws aws;
    private static TwilioApiStandIn twilio;
    private static AlertHandler handler;
    private static final AtomicInteger WRITES = new AtomicInteger();

    @BeforeContainer
    static void start() {
        aws = new LocalAws();
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio,
                Map.of("MAX_CALLEES", "5", "MAX_CALLS_PER_NUMBER_PER_HOUR", "1000")), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), CountingDynamoDb.counting(aws.dynamo(), WRITES), null));
    }

    @AfterContainer
    static void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
        aws.close();
    }

    @Provide
    Arbitrary<Inputs.Request> requests() {
        return Inputs.requests();
    }

    @Provide
    Arbitrary<Inputs.Request> likelyValid() {
        return Inputs.likelyValid();
    }

    @Property(tries = 500, seed = "20261124", edgeCases = EdgeCasesMode.NONE)
    void likelyValidRequestsWithNoise(@ForAll("likelyValid") Inputs.Request r) {
        noInputCrashesAndARefusedRequestWritesNothing(r);
    }

    @Property(tries = 1500, seed = "20261123", edgeCases = EdgeCasesMode.NONE)
    void noInputCrashesAndARefusedRequestWritesNothing(@ForAll("requests") Inputs.Request r) {
        int dialsBefore = twilio.requests().size();
        int itemsBefore = WRITES.get();
        APIGatewayProxyResponseEvent response;
        try {
            response = handler.handleRequest(ApiEvents.alert(r.headers(), r.query(), r.body(), r.base64()), null);
        } catch (Throwable t) {
            fail("escaped the handler", t);
            return;
        }
        int status = response.getStatusCode();
        Statistics.collect(status, status >= 400 ? Contract.json(response.getBody()).path("error").asText() : "");
        assertNotEquals(500, status, response.getBody());
        if (status == 202 || status == 502) {
            JsonNode body = Contract.json(response.getBody());
            assertEquals(22, body.get("incidentId").asText().length());
            assertEquals(status == 202, !body.get("calls").isEmpty(), response.getBody());
            assertTrue(WRITES.get() > itemsBefore, "the incident was stored");
        } else {
            Contract.assertClientErrorResponse(response);
            assertEquals(dialsBefore, twilio.requests().size(), "a refused request dials nobody");
            assertEquals(itemsBefore, WRITES.get(), "a refused request writes nothing");
        }
    }
}
