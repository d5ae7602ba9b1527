package alertbridge.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Every read and write of the incident table, against moto (the local AWS) with the table from template.yaml. */
class IncidentRepositoryIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentRepository repository = SampleConfig.repository(aws);

    @Test
    void storesAndFindsAnIncidentWithTtl() {
        Incident incident = Incident.open(IncidentIds.next(), "DB down 日本語", T0, 2);
        repository.create(incident);
        assertEquals(Optional.of(incident), repository.find(incident.id()));
        assertEquals(Optional.empty(), repository.find(IncidentIds.next()));
        Map<String, AttributeValue> item = aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("INCIDENT#" + incident.id()), "sk", AttributeValue.fromS("META")))).item();
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(90)).getEpochSecond()), item.get("expiresAt").n());
        assertEquals("alertbridge-" + incident.id(), item.get("conference").s());
        assertThrows(ConditionalCheckFailedException.class, () -> repository.create(incident), "ids are never reused");
    }

    @Test
    void recordsPlacedAndFailedCalls() {
        String id = IncidentIds.next();
        repository.create(Incident.open(id, "m", T0, 2));
        repository.recordCall(id, "+15005550001", new DialResult.Placed("CA1", "queued"), T0);
        repository.recordCall(id, "+15005550096", new DialResult.Failed(21215, "geo permission"), T0);
        List<IncidentRepository.CallRecord> calls = repository.calls(id);
        assertEquals(2, calls.size());
        IncidentRepository.CallRecord placed = calls.stream().filter(c -> c.callSid().isPresent()).findFirst().orElseThrow();
        assertEquals("+15005550001", placed.to());
        assertEquals("queued", placed.status());
        IncidentRepository.CallRecord failed = calls.stream().filter(c -> c.callSid().isEmpty()).findFirst().orElseThrow();
        assertEquals(Optional.of(21215), failed.errorCode());
        assertEquals("failed", failed.status());
    }

    @Test
    void aReplayedJoinAddsNoSecondRow() {
        String id = IncidentIds.next();
        repository.create(Incident.open(id, "m", T0, 1));
        assertTrue(repository.recordJoin(id, "CA1", "+15005550001", T0));
        assertFalse(repository.recordJoin(id, "CA1", "+15005550001", T0.plusSeconds(5)));
        List<IncidentRepository.JoinRecord> joins = repository.joins(id);
        assertEquals(List.of(new IncidentRepository.JoinRecord("CA1", "+15005550001", T0)), joins);
    }

    @Test
    void concurrentJoinsOfManyCallsAreAllRecordedOnce() throws Exception {
        String id = IncidentIds.next();
        repository.create(Incident.open(id, "m", T0, 50));
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String sid = "CA" + i;
            String to = String.format("+1415555%04d", i);
            for (int copy = 0; copy < 2; copy++) { // every webhook arrives twice, at the same time
                tasks.add(() -> repository.recordJoin(id, sid, to, T0));
            }
        }
        int recorded = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                recorded += f.get() ? 1 : 0;
            }
        }
        assertEquals(50, recorded);
        assertEquals(50, repository.joins(id).size());
    }
}
