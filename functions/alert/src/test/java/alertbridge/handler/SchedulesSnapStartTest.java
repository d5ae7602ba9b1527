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
 * SnapStart's hooks on the schedule functions, over moto and the Twilio stand-in: priming leaves no item, message or
 * call behind; a restored handler serves the schedules API with the token rotated meanwhile.
 */
class SchedulesSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    @RegisterExtension
    final SnapStartStage stage = new SnapStartStage(AWS, "schedules");

    @Test
    void primingTheSchedulesApiLeavesNothingAndARestoredHandlerTakesTheRotatedToken() {
        stage.parameters("token-at-snapshot", SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        SchedulesHandler handler = new SchedulesHandler(stage.clients(ssm, Map.of()));

        SnapStartCheck.assertPrimed(handler, "SchedulesFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        stage.assertNothingLeft();

        stage.parameters("token-after-rotation", SampleConfig.CALLER_NUMBER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "SchedulesFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        var get = alertbridge.snapstart.Priming.apiRequest("GET", "/schedules/{team}", Map.of("Authorization", "Bearer token-after-rotation"), "")
                .withPathParameters(Map.of("team", "sre"));
        assertEquals(404, handler.handleRequest(get, null).getStatusCode(), "authorised, and sre has no schedule");
    }

    @Test
    void primingTheHandoffTickerLeavesNothing() {
        stage.parameters(SampleConfig.ALERT_TOKEN, SampleConfig.CALLER_NUMBER);
        HandoffTickerHandler handler = new HandoffTickerHandler(stage.clients(new alertbridge.config.SsmParameterSource(AWS.ssm()), Map.of()));
        SnapStartCheck.assertPrimed(handler, "HandoffTickerFunction");
        stage.assertNothingLeft();
        assertEquals(Map.of("sent", 0, "skipped", 0, "slackFollowUps", 0), handler.handleRequest(Map.of(), null));
    }
}
