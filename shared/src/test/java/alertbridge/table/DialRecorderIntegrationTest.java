package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.incident.CallRecord;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.Unreachable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.Message;

/** A round's dial records against moto: every one written, in a few batch requests; deferred when the table is down. */
class DialRecorderIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);

    private static String number(int i) {
        return "+8170" + (40000000 + i);
    }

    @Test
    void fiftyDialsFinishingTogetherAreWrittenInAFewBatchRequests() {
        Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        };
        IncidentStore store = new IncidentStore(aws.moto().dynamoDb(counting), aws.tableName(), Duration.ofDays(1), java.util.Optional.empty());
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "Disk full", CLOCK.instant(), 50));
        requests.clear();

        try (DialRecorder recorder = new DialRecorder(store.callees(), id, 2, CLOCK);
             ExecutorService callees = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 50).forEach(i -> callees.submit(() -> recorder.record(number(i),
                    i % 10 == 0 ? new DialResult.Failed(21215, "geo") : new DialResult.Placed("CA" + i, "queued"))));
        }

        List<CallRecord> calls = store.callees().calls(id);
        assertEquals(50, calls.size());
        assertTrue(calls.stream().allMatch(c -> c.round() == 2), calls.toString());
        assertEquals(5, calls.stream().filter(c -> c.errorCode().equals(Optional.of(21215))).count());
        int batches = requests.getOrDefault("BatchWriteItem", new AtomicInteger()).get();
        assertTrue(batches >= 2 && batches < 50, "50 records in " + batches + " batch requests");
        assertEquals(null, requests.get("PutItem"), "no record written alone: " + requests);
    }

    @Test
    void recordsTheTableCannotTakeGoToTheWriteBehindQueue() {
        String queueUrl = aws.createQueues("dial-records-").get("RecordsQueue");
        IncidentStore down = new IncidentStore(Unreachable.dynamoDb(), aws.tableName(), Duration.ofDays(1),
                Optional.of(new SqsWriteBehind(aws.sqs(), queueUrl)));
        String id = IncidentIds.next();

        try (DialRecorder recorder = new DialRecorder(down.callees(), id, 1, CLOCK)) {
            IntStream.range(0, 30).forEach(i -> recorder.record(number(i), new DialResult.Placed("CA" + i, "queued")));
        }

        int deferred = 0;
        for (int i = 0; i < 10 && deferred < 30; i++) {
            List<Message> got = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            for (Message m : got) {
                SqsWriteBehind.Deferred d = SqsWriteBehind.parse(m.body()).orElseThrow();
                assertTrue(d.item().get("sk").s().startsWith("CALLEE#"), m.body());
                deferred++;
            }
        }
        assertEquals(30, deferred, "every record deferred, none lost");
    }
}
