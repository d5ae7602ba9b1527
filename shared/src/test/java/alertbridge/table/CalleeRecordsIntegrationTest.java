package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.calls.TextResult;
import alertbridge.incident.CallRecord;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.JoinRecord;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The callee records (CALLEE#, JOIN#, TEXT#) against moto (the local AWS), with the table from template.yaml. */
class CalleeRecordsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentStore store = SampleConfig.store(aws);
    private static final CalleeRecords callees = store.callees();

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void recordsPlacedAndFailedCalls() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 2));
        callees.recordCall(id, "+15005550001", new DialResult.Placed("CA1", "queued"), T0);
        callees.recordCall(id, "+15005550096", new DialResult.Failed(21215, "geo permission"), T0);
        List<CallRecord> calls = callees.calls(id);
        assertEquals(2, calls.size());
        CallRecord placed = calls.stream().filter(c -> c.callSid().isPresent()).findFirst().orElseThrow();
        assertEquals("+15005550001", placed.to());
        assertEquals("queued", placed.status());
        CallRecord failed = calls.stream().filter(c -> c.callSid().isEmpty()).findFirst().orElseThrow();
        assertEquals(Optional.of(21215), failed.errorCode());
        assertEquals("failed", failed.status());
        assertEquals(new CallRecord("+15005550096", Optional.empty(), "failed", Optional.of(21215),
                Optional.of("geo permission"), T0), failed);

        Map<String, AttributeValue> item = item("INCIDENT#" + id, "CALLEE#+15005550001");
        assertEquals("call", item.get("type").s());
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(90)).getEpochSecond()), item.get("expiresAt").n());
    }

    @Test
    void aReplayedJoinAddsNoSecondRow() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 1));
        assertTrue(callees.recordJoin(id, "CA1", "+15005550001", T0));
        assertFalse(callees.recordJoin(id, "CA1", "+15005550001", T0.plusSeconds(5)));
        List<JoinRecord> joins = callees.joins(id);
        assertEquals(List.of(new JoinRecord("CA1", "+15005550001", T0)), joins);
        assertEquals("join", item("INCIDENT#" + id, "JOIN#CA1").get("type").s());
    }

    @Test
    void aJoinSaysHowTheCallCameAndAnOldItemWithoutItWasACallWePlaced() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 1));
        assertTrue(callees.recordJoin(id, "CA1", "+15005550001", T0));
        assertTrue(callees.recordJoin(id, "CA2", "+15005550002", T0.plusSeconds(1), JoinRecord.CALL_IN));
        assertFalse(callees.recordJoin(id, "CA2", "+15005550002", T0.plusSeconds(2), JoinRecord.CALL_IN), "a repeat");
        assertEquals("call", item("INCIDENT#" + id, "JOIN#CA1").get("via").s());
        assertEquals("call-in", item("INCIDENT#" + id, "JOIN#CA2").get("via").s());
        // a JOIN item written before joins said how they came
        aws.dynamo().updateItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("INCIDENT#" + id), "sk", AttributeValue.fromS("JOIN#CA1"))).updateExpression("REMOVE via"));
        List<JoinRecord> joins = callees.joins(id);
        assertEquals(2, joins.size());
        assertTrue(joins.contains(new JoinRecord("CA1", "+15005550001", T0, "call")), joins.toString());
        assertTrue(joins.contains(new JoinRecord("CA2", "+15005550002", T0.plusSeconds(1), "call-in")), joins.toString());
    }

    @Test
    void concurrentJoinsOfManyCallsAreAllRecordedOnce() throws Exception {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 50));
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String sid = "CA" + i;
            String to = String.format("+1415555%04d", i);
            for (int copy = 0; copy < 2; copy++) { // every webhook arrives twice, at the same time
                tasks.add(() -> callees.recordJoin(id, sid, to, T0));
            }
        }
        int recorded = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                recorded += f.get() ? 1 : 0;
            }
        }
        assertEquals(50, recorded);
        assertEquals(50, callees.joins(id).size());
    }

    @Test
    void recordsSentAndFailedTextsAndReadsThemBackByNumber() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 2));
        assertEquals(Map.of(), callees.texts(id));
        callees.recordText(id, "+15005550001", new TextResult.Sent("SM1", "queued"), T0);
        callees.recordText(id, "+15005550096", new TextResult.Failed(21610, "unsubscribed"), T0);
        assertEquals(Map.of("+15005550001", "queued", "+15005550096", "failed (21610)"), callees.texts(id));
        Map<String, AttributeValue> item = item("INCIDENT#" + id, "TEXT#+15005550001");
        assertEquals("text", item.get("type").s());
        assertEquals("SM1", item.get("messageSid").s());
        assertEquals(List.of(), callees.calls(id), "texts are not calls");
    }
}
