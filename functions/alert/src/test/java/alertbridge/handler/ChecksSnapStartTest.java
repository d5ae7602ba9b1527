package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart's hooks on the check-in functions, over moto and the Twilio stand-in: priming leaves no check, ping,
 * incident, message or call behind; a restored handler serves the checks API with the token rotated meanwhile.
 */
class ChecksSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private TwilioApiStandIn twilio;
    private Map<String, String> queues;
    private String table;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        table = "incidents-" + UUID.randomUUID();
        alertbridge.testkit.aws.TemplateResources.createTable(AWS.dynamo(), table);
        queues = SnapStartCheck.queues(AWS, "checks");
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private alertbridge.config.Settings settings() {
        return SampleConfig.settings(AWS, table, twilio,
                SnapStartCheck.environment(queues, Map.of("PUBLIC_BASE_URL", "https://alerts.example.com")));
    }

    private static void tokens(String alertTokens) {
        AWS.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, SampleConfig.CALLER_NUMBER, alertTokens,
                Map.of("sre", SampleConfig.SRE_ROSTER));
    }

    @Test
    void primingTheChecksApiLeavesNothingAndARestoredHandlerTakesTheRotatedToken() {
        tokens("token-at-snapshot");
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        ChecksHandler handler = new ChecksHandler(Clients.of(settings(), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "ChecksFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);

        tokens("token-after-rotation");
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "ChecksFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        var put = alertbridge.snapstart.Priming.apiRequest("PUT", "/checks/{name}",
                Map.of("Authorization", "Bearer token-after-rotation"), "{\"periodSeconds\": 300, \"team\": \"sre\"}")
                .withPathParameters(Map.of("name", "backup"));
        assertEquals(201, handler.handleRequest(put, null).getStatusCode());
    }

    @Test
    void primingTheDetectorLeavesNothing() {
        tokens(SampleConfig.ALERT_TOKEN);
        CheckDetectorHandler handler = new CheckDetectorHandler(Clients.of(settings(), new alertbridge.config.SsmParameterSource(AWS.ssm()), AWS.dynamo(), AWS.sqs()));
        SnapStartCheck.assertPrimed(handler, "CheckDetectorFunction");
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);
        assertEquals(Map.of("due", 0, "paged", 0, "eventsRequeued", 0), handler.handleRequest(Map.of(), null));
    }
}
