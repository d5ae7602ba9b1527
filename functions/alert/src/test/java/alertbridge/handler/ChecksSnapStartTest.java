package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testing.SnapStartStage;
import alertbridge.testkit.aws.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart's hooks on the check-in functions, over moto and the Twilio stand-in: priming leaves no check, ping,
 * incident, message or call behind; a restored handler serves the checks API with the token rotated meanwhile.
 */
class ChecksSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final Map<String, String> PUBLIC_BASE_URL = Map.of("PUBLIC_BASE_URL", "https://alerts.example.com");
    @RegisterExtension
    final SnapStartStage stage = new SnapStartStage(AWS, "checks");

    @Test
    void primingTheChecksApiLeavesNothingAndARestoredHandlerTakesTheRotatedToken() {
        stage.parameters("token-at-snapshot", SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        ChecksHandler handler = new ChecksHandler(stage.clients(ssm, PUBLIC_BASE_URL));

        SnapStartCheck.assertPrimed(handler, "ChecksFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        stage.assertNothingLeft();

        stage.parameters("token-after-rotation", SampleConfig.CALLER_NUMBER);
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
        stage.parameters(SampleConfig.ALERT_TOKEN, SampleConfig.CALLER_NUMBER);
        CheckDetectorHandler handler = new CheckDetectorHandler(stage.clients(new alertbridge.config.SsmParameterSource(AWS.ssm()), PUBLIC_BASE_URL));
        SnapStartCheck.assertPrimed(handler, "CheckDetectorFunction");
        stage.assertNothingLeft();
        assertEquals(Map.of("due", 0, "paged", 0, "eventsRequeued", 0), handler.handleRequest(Map.of(), null));
    }
}
