package alertbridge.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The per-number counter against moto (the local AWS), with the table from template.yaml. */
class CallRateGuardTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();

    private static CallRateGuard guard(int max, String at) {
        return new CallRateGuard(SampleConfig.store(aws).rates(), max, Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    }

    @Test
    void dialsANumberAtMostMaxTimesPerHourAcrossIncidents() {
        CallRateGuard guard = guard(3, "2026-11-23T03:10:00Z");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), guard.refusal("+818012345601"), "call " + (i + 1));
        }
        Optional<String> fourth = guard.refusal("+818012345601");
        assertTrue(fourth.orElseThrow().contains("3 times this hour (MaxCallsPerNumberPerHour)"), fourth.toString());
        assertEquals(Optional.empty(), guard.refusal("+818012345602"), "other numbers have their own count");
        assertEquals(Optional.empty(), guard(3, "2026-11-23T04:00:00Z").refusal("+818012345601"), "a new hour starts afresh");

        Map<String, AttributeValue> item = aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("RATE#+818012345601"), "sk", AttributeValue.fromS("2026-11-23T03")))).item();
        assertEquals("3", item.get("calls").n(), "refused attempts are not counted");
        assertEquals(Long.toString(Instant.parse("2026-11-23T05:00:00Z").getEpochSecond()), item.get("expiresAt").n(), "TTL");
    }

    @Test
    void concurrentAlertsCannotOvershootTheLimit() throws Exception {
        CallRateGuard guard = guard(5, "2026-11-23T06:00:00Z");
        List<Future<Optional<String>>> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            results = IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> guard.refusal("+818012345603"))).toList();
        }
        long allowed = 0;
        for (Future<Optional<String>> r : results) {
            allowed += r.get().isEmpty() ? 1 : 0;
        }
        assertEquals(5, allowed);
    }
}
