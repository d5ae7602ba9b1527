package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.incident.CallEvent;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.timeline.IncidentQueries;
import alertbridge.incident.IncidentTimeline;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.Unreachable;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The write-behind path end to end against moto: writes made while DynamoDB is unreachable go to the records queue
 * (real SQS), and the records function writes them into the real table, in any order, any number of times, giving
 * the timeline it would have been.
 */
class RecordsHandlerTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final String QUEUE = AWS.createQueues("records-test-" + UUID.randomUUID().toString().substring(0, 8) + "-")
            .get("RecordsQueue");
    private static final IncidentStore TABLE = SampleConfig.store(AWS);

    /** The same table, as a function sees it during an outage: unreachable, with the records queue behind it. */
    private static IncidentStore duringOutage() {
        return new IncidentStore(Unreachable.dynamoDb(), AWS.tableName(), Duration.ofDays(90),
                Optional.of(new SqsWriteBehind(AWS.sqs(), QUEUE)));
    }

    private static RecordsHandler handler() {
        return new RecordsHandler(Clients.of(SampleConfig.settings(AWS, new TwilioApiStandIn(), Map.of()), null, AWS.dynamo(), null));
    }

    private static List<Message> drain() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = AWS.sqs().receiveMessage(b -> b.queueUrl(QUEUE).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private static SQSEvent event(List<Message> messages) {
        SQSEvent event = EventLoader.loadSQSEvent("events/rounds-step.json");
        SQSEvent.SQSMessage template = event.getRecords().getFirst();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setBody(m.body());
            r.setEventSource(template.getEventSource());
            records.add(r);
        }
        event.setRecords(records);
        return event;
    }

    @Test
    void whatWasWrittenDuringTheOutageIsInTheTableAfterwardsAsItWouldHaveBeen() {
        String id = IncidentIds.next();
        Instant t0 = Instant.parse("2026-11-30T03:00:00Z");
        String sid = "CA" + "a".repeat(32);
        IncidentStore outage = duringOutage();
        outage.incidents().create(Incident.open(id, "Database primary is down", t0, 1), List.of());
        outage.callees().recordCall(id, "+818012345601", new DialResult.Placed(sid, "queued"), t0);
        assertTrue(outage.callees().recordJoin(id, sid, "+818012345601", t0.plusSeconds(9)));
        outage.events().recordCallEvent(id, new CallEvent(sid, "+818012345601", "in-progress", t0.plusSeconds(5), 2, Optional.empty()));
        assertTrue(TABLE.incidents().find(id).isEmpty(), "nothing reached the table yet");

        List<Message> deferred = drain();
        assertEquals(4, deferred.size());
        List<Message> shuffledTwice = new ArrayList<>(deferred);
        shuffledTwice.addAll(deferred); // SQS delivers at least once
        Collections.shuffle(shuffledTwice);
        SQSBatchResponse response = handler().handleRequest(event(shuffledTwice), null);

        assertEquals(List.of(), response.getBatchItemFailures());
        IncidentTimeline timeline = new IncidentQueries(TABLE).timeline(id);
        assertEquals("Database primary is down", timeline.message());
        assertEquals(1, timeline.callees().size());
        IncidentTimeline.Callee callee = timeline.callees().getFirst();
        assertEquals(Optional.of(sid), callee.callSid());
        assertEquals(Optional.of(t0.plusSeconds(9)), callee.joinedAt());
        assertEquals(Optional.of(t0.plusSeconds(5)), callee.answeredAt());
        assertEquals(1, TABLE.callees().joins(id).size(), "a redelivered join is still one join");
    }

    @Test
    void aWriteTheTableStillRefusesStaysOnTheQueueAndAStrangeMessageIsReportedForTheDeadLetterQueue() {
        IncidentStore outage = duringOutage();
        String id = IncidentIds.next();
        outage.incidents().create(Incident.open(id, "m", Instant.now(), 1), List.of());
        List<Message> deferred = drain();
        RecordsHandler stillDown = new RecordsHandler(Clients.of(SampleConfig.settings(AWS, new TwilioApiStandIn(), Map.of()), null, Unreachable.dynamoDb(), null));

        SQSBatchResponse failed = stillDown.handleRequest(event(deferred), null);
        assertEquals(List.of(deferred.getFirst().messageId()),
                failed.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());

        SQSEvent strange = event(deferred);
        strange.getRecords().getFirst().setBody("{\"item\": {\"pk\": {\"S\": \"x\"}}}");
        assertEquals(1, handler().handleRequest(strange, null).getBatchItemFailures().size());
    }
}
