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
 * SnapStart's hooks on the schedule functions, over moto and the Twilio stand-in: priming leaves no item, message or
 * call behind; a restored handler serves the schedules API with the token rotated meanwhile.
 */
class SchedulesSnapStartTest {
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
        queues = SnapStartCheck.queues(AWS, "schedules");
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private alertbridge.config.Settings settings() {
        return SampleConfig.settings(AWS, table, twilio, SnapStartCheck.environment(queues, Map.of()));
    }

    private static void tokens(String alertTokens) {
        AWS.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, SampleConfig.CALLER_NUMBER, alertTokens,
                Map.of("sre", SampleConfig.SRE_ROSTER));
    }

    @Test
    void primingTheSchedulesApiLeavesNothingAndARestoredHandlerTakesTheRotatedToken() {
        tokens("token-at-snapshot");
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new alertbridge.config.SsmParameterSource(AWS.ssm()));
        SchedulesHandler handler = new SchedulesHandler(Clients.of(settings(), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "SchedulesFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);

        tokens("token-after-rotation");
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "SchedulesFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        var get = alertbridge.snapstart.Priming.apiRequest("GET", "/schedules/{team}", Map.of("Authorization", "Bearer token-after-rotation"), "")
                .withPathParameters(Map.of("team", "sre"));
        assertEquals(404, handler.handleRequest(get, null).getStatusCode(), "authorised, and sre has no schedule");
    }

    @Test
    void primingTheHandoffTickerLeavesNothing() {
        tokens(SampleConfig.ALERT_TOKEN);
        HandoffTickerHandler handler = new HandoffTickerHandler(Clients.of(settings(), new alertbridge.config.SsmParameterSource(AWS.ssm()), AWS.dynamo(), AWS.sqs()));
        SnapStartCheck.assertPrimed(handler, "HandoffTickerFunction");
        SnapStartCheck.assertNothingLeft(AWS, table, queues.values(), twilio);
        assertEquals(Map.of("sent", 0, "skipped", 0, "slackFollowUps", 0), handler.handleRequest(Map.of(), null));
    }
}
