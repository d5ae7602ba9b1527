package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.ApiEvents;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    private TwilioApiStandIn twilio;
    private Map<String, String> queues;
    private String table;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        table = "incidents-" + UUID.randomUUID();
        alertbridge.testkit.aws.TemplateResources.createTable(AWS.dynamo(), table);
        queues = SnapStartCheck.queues(AWS, "alert");
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private Map<String, String> env(Map<String, String> more) {
        return SnapStartCheck.environment(queues, more);
    }

    private static void rotate(String alertTokens, String callerNumber) {
        AWS.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, callerNumber, alertTokens,
                Map.of("sre", SampleConfig.SRE_ROSTER));
    }

    @Test
    void primingTheAlertLeavesNothingAndARestoredHandlerTakesTheTokenRotatedMeanwhile() {
        rotate("token-at-snapshot", SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        AlertHandler handler = new AlertHandler(Clients.of(SampleConfig.settings(AWS, table, twilio, env(Map.of())), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "AlertFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);

        rotate("token-after-rotation", ROTATED_CALLER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "AlertFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        ssm.cutOff(); // from here on only what afterRestore read can authorise and dial

        APIGatewayProxyResponseEvent response = handler.handleRequest(ApiEvents.alert(Map.of("X-Alert-Token", "token-after-rotation",
                "Content-Type", "application/x-www-form-urlencoded"), Map.of(), "to=%2B818012345601&message=Disk+full", false), null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(List.of(ROTATED_CALLER), twilio.requests().stream().map(r -> r.field("From")).toList());
        assertEquals(401, handler.handleRequest(ApiEvents.alert(Map.of("X-Alert-Token", "token-at-snapshot"), Map.of(),
                "to=%2B818012345601&message=Disk+full", false), null).getStatusCode(), "the snapshot's token no longer works");
    }

    @Test
    void primingTheTopicLeavesNothingAndARestoredHandlerDialsFromTheNumberRotatedMeanwhile() {
        rotate(SampleConfig.ALERT_TOKEN, SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        AlertTopicHandler handler = new AlertTopicHandler(Clients.of(SampleConfig.settings(AWS, table, twilio, env(Map.of("TOPIC_TEAMS", "sre",
                "PUBLIC_BASE_URL", "https://alerts.example.com"))), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "AlertTopicFunction");
        assertEquals(List.of(), SnapStartCheck.logOf(() -> assertEquals("", handler.handleRequest(
                new com.amazonaws.services.lambda.runtime.events.SNSEvent().withRecords(List.of()), null))),
                "the keep-alive (no records) logs nothing");
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);

        rotate(SampleConfig.ALERT_TOKEN, ROTATED_CALLER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "AlertTopicFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");

        String opened = handler.handleRequest(EventLoader.loadSNSEvent("events/payloads/cloudwatch-sns-event.json"), null);
        assertTrue(opened.startsWith("opened "), opened);
        assertEquals(2, twilio.requests().size());
        assertTrue(twilio.requests().stream().allMatch(r -> ROTATED_CALLER.equals(r.field("From"))), "dialled from the rotated number");
    }
}
