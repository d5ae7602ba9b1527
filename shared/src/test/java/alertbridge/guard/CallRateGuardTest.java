package alertbridge.guard;

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
    void aCallTwilioRefusedToCreateIsGivenBackSoOnlyAcceptedCallsCount() {
        CallRateGuard guard = guard(2, "2026-11-23T07:10:00Z");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertEquals(List.of(Optional.empty()), guard.refusals(List.of("+818012345604")), "attempt " + attempt);
            guard.notPlaced(List.of("+818012345604")); // Twilio refused the create (21215)
        }
        assertEquals(Optional.empty(), guard.refusal("+818012345604"), "accepted: counted");
        assertEquals(Optional.empty(), guard.refusal("+818012345604"));
        assertTrue(guard.refusal("+818012345604").isPresent(), "two accepted calls: the third is refused");
        guard.notPlaced(List.of("+818012345605")); // never counted: nothing to give back, nothing below 0
        assertEquals(Optional.empty(), guard.refusal("+818012345605"));
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

    private static String calls(String number, String hour) {
        Map<String, AttributeValue> item = aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("RATE#" + number), "sk", AttributeValue.fromS(hour)))).item();
        return item.isEmpty() ? "none" : item.get("calls").n();
    }

    private static List<String> numbers(int count, int first) {
        return IntStream.range(first, first + count).mapToObj(i -> "+8180" + (20000000 + i)).toList();
    }

    @Test
    void manyNumbersAreCountedTogetherAndThoseAtTheLimitAreRefusedWithoutBeingCounted() {
        CallRateGuard guard = guard(2, "2026-11-23T07:00:00Z");
        List<String> team = numbers(50, 0);
        guard.refusal(team.get(3));
        guard.refusal(team.get(3)); // at its limit before the alert
        guard.refusal(team.get(7));

        List<Optional<String>> first = guard.refusals(team);
        List<Optional<String>> second = guard.refusals(team);

        for (int i = 0; i < team.size(); i++) {
            String number = team.get(i);
            assertEquals(i == 3, first.get(i).isPresent(), number + " in the first alert: " + first.get(i));
            assertEquals(i == 3 || i == 7, second.get(i).isPresent(), number + " in the second alert: " + second.get(i));
            assertEquals("2", calls(number, "2026-11-23T07"), number + ": refused calls are not counted");
        }
        assertTrue(first.get(3).orElseThrow().contains("2 times this hour"), first.get(3).toString());
        assertTrue(guard.refusals(team).stream().allMatch(Optional::isPresent), "everyone at the limit");
    }

    @Test
    void moreNumbersThanOneTransactionTakesAreCountedInSeveral() {
        List<String> many = numbers(230, 100);
        List<Optional<String>> answers = guard(1, "2026-11-23T08:00:00Z").refusals(many);

        assertEquals(230, answers.size());
        assertTrue(answers.stream().allMatch(Optional::isEmpty), answers.toString());
        assertEquals("1", calls(many.get(0), "2026-11-23T08"));
        assertEquals("1", calls(many.get(229), "2026-11-23T08"));
        assertTrue(guard(1, "2026-11-23T08:00:00Z").refusals(many).stream().allMatch(Optional::isPresent));
    }

    @Test
    void concurrentAlertsToOverlappingTeamsCannotOvershootTheLimit() throws Exception {
        CallRateGuard guard = guard(3, "2026-11-23T09:00:00Z");
        List<String> everyone = numbers(12, 400);
        List<Future<List<Optional<String>>>> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // 20 alerts at once, each to 8 of the 12 (overlapping): every number is asked 13 or 14 times
            results = IntStream.range(0, 20).mapToObj(a -> pool.submit(() -> {
                List<String> team = IntStream.range(0, 8).mapToObj(k -> everyone.get((a + k) % 12)).toList();
                List<Optional<String>> answers = guard.refusals(team);
                return IntStream.range(0, 12).mapToObj(n -> {
                    int at = team.indexOf(everyone.get(n));
                    return at < 0 ? Optional.of("not asked") : answers.get(at);
                }).toList();
            })).toList();
        }
        for (int n = 0; n < everyone.size(); n++) {
            int allowed = 0;
            for (Future<List<Optional<String>>> r : results) {
                allowed += r.get().get(n).isEmpty() ? 1 : 0;
            }
            assertEquals(3, allowed, everyone.get(n));
            assertEquals("3", calls(everyone.get(n), "2026-11-23T09"));
        }
    }
}
