package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.incident.Incident;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart's hooks on the join webhook, over moto and the Twilio stand-in. */
class JoinConferenceSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void primingLeavesNothingAndARestoredHandlerChecksSignaturesWithTheTokenRotatedMeanwhile() {
        Map<String, String> queues = SnapStartCheck.queues(AWS, "join");
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(SampleConfig.parameters(AWS, "token-at-snapshot"));
        JoinConferenceHandler handler = new JoinConferenceHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, SnapStartCheck.environment(queues, Map.of())), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "JoinConferenceFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, queues.values(), TWILIO);

        // frozen; meanwhile the Twilio auth token is rotated in SSM
        SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "JoinConferenceFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the token held past its time");
        ssm.cutOff(); // from here on only what afterRestore read can check a signature

        String incident = "SnapRestoredIncident01";
        IncidentStore store = SampleConfig.store(AWS);
        store.incidents().create(Incident.open(incident, "Database primary is down", Instant.now(), 1));
        String callSid = "CA" + "7".repeat(32);
        store.callees().recordCall(incident, "+818012345601", new DialResult.Placed(callSid, "queued"), Instant.now());
        Map<String, String> keypress = Map.of("CallSid", callSid, "To", "+818012345601", "Digits", "1", "AccountSid",
                TwilioApiStandIn.ACCOUNT_SID);
        APIGatewayProxyResponseEvent response = handler.handleRequest(ApiEvents.join(incident, keypress, TwilioApiStandIn.AUTH_TOKEN), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("<Conference"), response.getBody());
        assertEquals(List.of(callSid), store.callees().joins(incident).stream().map(j -> j.callSid()).toList());
        assertEquals(403, handler.handleRequest(ApiEvents.join(incident, keypress, "token-at-snapshot"), null).getStatusCode(),
                "the token of the snapshot no longer signs");
    }
}
