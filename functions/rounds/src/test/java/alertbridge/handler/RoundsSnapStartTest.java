package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.config.SsmParameterSource;
import alertbridge.incident.CallEvent;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.rounds.RoundStep;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart's hooks on the rounds queue, over moto (table, queues, SSM) and the Twilio stand-in. */
class RoundsSnapStartTest {
    private static final String ROTATED_CALLER = "+15005550009";
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    private static void callerNumber(String number) {
        AWS.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, number, SampleConfig.ALERT_TOKEN, Map.of());
    }

    @Test
    void primingLeavesNothingAndARestoredHandlerTextsFromTheNumberRotatedMeanwhile() {
        Map<String, String> queues = SnapStartCheck.queues(AWS, "rounds");
        callerNumber(SampleConfig.CALLER_NUMBER);
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new SsmParameterSource(AWS.ssm()));
        RoundsHandler handler = new RoundsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, SnapStartCheck.environment(queues, Map.of(
                "REDIAL_DELAY_SECONDS", "0", "PUBLIC_BASE_URL", "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod"))), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "RoundsFunction");
        assertEquals(List.of(), SnapStartCheck.logOf(() -> assertEquals(List.of(), handler.handleRequest(new SQSEvent(), null)
                .getBatchItemFailures())), "the keep-alive (no records) logs nothing");
        SnapStartCheck.assertNothingLeft(AWS, queues.values(), TWILIO);

        callerNumber(ROTATED_CALLER);
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "RoundsFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the parameters held past their time");
        ssm.cutOff();

        // round 1's call went unanswered: its end texts the callee, from the number rotated while frozen
        IncidentStore store = SampleConfig.store(AWS);
        String id = IncidentIds.next();
        String to = "+818012345692";
        store.incidents().create(Incident.open(id, "Database primary is down", Instant.now(), 1), List.of());
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        store.callees().recordCall(id, to, new DialResult.Placed(sid, "queued"), Instant.now());
        store.events().recordCallEvent(id, new CallEvent(sid, to, "no-answer", Instant.now(), 3, Optional.of(0)));
        SQSEvent event = EventLoader.loadSQSEvent("events/rounds-step.json");
        event.getRecords().getFirst().setBody(SqsRoundQueue.body(new RoundStep(id, 1, RoundStep.Kind.END)));

        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(List.of(ROTATED_CALLER), TWILIO.messageRequests().stream().map(m -> m.field("From")).toList());
        assertEquals(2, store.rounds().find(id).orElseThrow().round(), "round 1 ended");
    }
}
