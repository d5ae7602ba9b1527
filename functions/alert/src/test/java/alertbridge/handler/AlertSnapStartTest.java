package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.ApiEvents;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testing.SnapStartStage;
import alertbridge.testkit.aws.LocalAws;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart's hooks on POST /alert and the SNS topic, over moto (table, queues, SSM) and the Twilio stand-in: priming
 * leaves no trace, and a restored handler works with what was rotated in SSM while it was frozen.
 */
class AlertSnapStartTest {
    private static final String ROTATED_CALLER = "+15005550009";
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    @RegisterExtension
    final SnapStartStage stage = new SnapStartStage(AWS, "alert");

    @Test
    void primingTheAlertLeavesNothingAndARestoredHandlerTakesTheTokenRotatedMeanwhile() {
        stage.parameters("token-at-snapshot", SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        AlertHandler handler = new AlertHandler(stage.clients(ssm, Map.of()));

        SnapStartCheck.assertPrimed(handler, "AlertFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        stage.assertNothingLeft();

        stage.parameters("token-after-rotation", ROTATED_CALLER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "AlertFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        ssm.cutOff(); // from here on only what afterRestore read can authorise and dial

        APIGatewayProxyResponseEvent response = handler.handleRequest(ApiEvents.alert(Map.of("X-Alert-Token", "token-after-rotation",
                "Content-Type", "application/x-www-form-urlencoded"), Map.of(), "to=%2B818012345601&message=Disk+full", false), null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(List.of(ROTATED_CALLER), stage.twilio().requests().stream().map(r -> r.field("From")).toList());
        assertEquals(401, handler.handleRequest(ApiEvents.alert(Map.of("X-Alert-Token", "token-at-snapshot"), Map.of(),
                "to=%2B818012345601&message=Disk+full", false), null).getStatusCode(), "the snapshot's token no longer works");
    }

    @Test
    void primingTheTopicLeavesNothingAndARestoredHandlerDialsFromTheNumberRotatedMeanwhile() {
        stage.parameters(SampleConfig.ALERT_TOKEN, SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        AlertTopicHandler handler = new AlertTopicHandler(stage.clients(ssm, Map.of("TOPIC_TEAMS", "sre",
                "PUBLIC_BASE_URL", "https://alerts.example.com")));

        SnapStartCheck.assertPrimed(handler, "AlertTopicFunction");
        assertEquals(List.of(), SnapStartCheck.logOf(() -> assertEquals("", handler.handleRequest(
                new com.amazonaws.services.lambda.runtime.events.SNSEvent().withRecords(List.of()), null))),
                "the keep-alive (no records) logs nothing");
        stage.assertNothingLeft();

        stage.parameters(SampleConfig.ALERT_TOKEN, ROTATED_CALLER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "AlertTopicFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");

        String opened = handler.handleRequest(EventLoader.loadSNSEvent("events/payloads/cloudwatch-sns-event.json"), null);
        assertTrue(opened.startsWith("opened "), opened);
        assertEquals(2, stage.twilio().requests().size());
        assertTrue(stage.twilio().requests().stream().allMatch(r -> ROTATED_CALLER.equals(r.field("From"))), "dialled from the rotated number");
    }
}
