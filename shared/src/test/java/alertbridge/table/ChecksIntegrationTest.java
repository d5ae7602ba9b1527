package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.checks.Check;
import alertbridge.checks.CheckPager;
import alertbridge.checks.CheckSentences;
import alertbridge.checks.CheckService;
import alertbridge.checks.CheckSpec;
import alertbridge.checks.CheckState;
import alertbridge.checks.CheckStore;
import alertbridge.checks.CheckTransitions;
import alertbridge.checks.Ping;
import alertbridge.checks.PingKeys;
import alertbridge.checks.Schedule;
import alertbridge.ids.IncidentIds;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Check-ins in the incidents table against moto (the table and its due index from template.yaml). */
class ChecksIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Checks checks = SampleConfig.store(aws).checks();

    private static CheckSpec spec(String name) {
        return new CheckSpec(name, new Schedule.Every(Duration.ofMinutes(5)), Duration.ofMinutes(1), Optional.of("sre"), List.of());
    }

    private static String unique(String prefix) {
        return prefix + "-" + IncidentIds.next().substring(0, 8).replaceAll("[^A-Za-z0-9]", "x");
    }

    private static Map<String, AttributeValue> item(String name) {
        return aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("CHECKS"), "sk", AttributeValue.fromS(name)))).item();
    }

    @Test
    void storesFindsByKeyAndRoundTripsEveryField() {
        String name = unique("backup");
        CheckSpec cron = new CheckSpec(name, Schedule.Cron.of("0 3 * * *", "Asia/Tokyo"), Duration.ofMinutes(10),
                Optional.of("sre"), List.of("+819012345678"));
        Check made = Check.created(cron, PingKeys.next(), T0);
        assertTrue(checks.create(made));
        assertFalse(checks.create(Check.created(cron, PingKeys.next(), T0)), "a name is made once");
        assertEquals(Optional.of(made), checks.find(name));
        assertEquals(Optional.of(name), checks.nameForKey(made.pingKey()));
        assertEquals(Optional.empty(), checks.nameForKey(PingKeys.next()));
        assertFalse(item(name).containsKey("expiresAt"), "checks stay until deleted");

        Check failed = CheckTransitions.ping(made, Ping.of("3", T0.plusSeconds(5))).check();
        assertTrue(checks.replace(failed));
        Check stored = checks.find(name).orElseThrow();
        assertEquals(1, stored.version());
        assertEquals(new Check(failed.spec(), failed.pingKey(), failed.state(), failed.created(), failed.since(),
                failed.lastPing(), failed.lastSuccess(), failed.incidentId(), failed.pageTried(), 1), stored);
        assertFalse(checks.replace(failed), "written at version 0 by someone else already");
        assertTrue(checks.replace(stored.paged("inc-1")));
        assertEquals(Optional.of("inc-1"), checks.find(name).orElseThrow().incidentId());
    }

    @Test
    void onlyChecksWithADeadlineAreInTheDueIndex() {
        String soon = unique("soon");
        String later = unique("later");
        Check a = Check.created(spec(soon), PingKeys.next(), T0);                 // due T0+6 min
        Check b = Check.created(spec(later), PingKeys.next(), T0.plusSeconds(3600)); // due an hour later
        assertTrue(checks.create(a));
        assertTrue(checks.create(b));
        List<String> due = checks.due(T0.plusSeconds(361));
        assertTrue(due.contains(soon));
        assertFalse(due.contains(later));
        assertFalse(checks.due(T0.plusSeconds(359)).contains(soon), "one second early");
        Check paged = CheckTransitions.detect(a, T0.plusSeconds(361)).check().paged("inc");
        assertTrue(checks.replace(paged));
        assertFalse(checks.due(T0.plusSeconds(100_000)).contains(soon), "down and paged: not in the index");
        assertFalse(item(soon).containsKey("dueAt"));
    }

    @Test
    void deletesTheCheckAndItsKeyUnlessItChanged() {
        String name = unique("gone");
        Check made = Check.created(spec(name), PingKeys.next(), T0);
        assertTrue(checks.create(made));
        assertTrue(checks.replace(CheckTransitions.ping(made, Ping.of("", T0)).check()));
        assertFalse(checks.delete(made), "it changed since it was read");
        assertTrue(checks.delete(checks.find(name).orElseThrow()));
        assertEquals(Optional.empty(), checks.find(name));
        assertEquals(Optional.empty(), checks.nameForKey(made.pingKey()));
        assertTrue(checks.all().stream().noneMatch(c -> c.name().equals(name)));
    }

    @Test
    void keepsPingsWithTheirBodiesNewestFirst() {
        String name = unique("pings");
        checks.recordPing(name, Ping.of("start", T0), "");
        checks.recordPing(name, Ping.of("2", T0.plusSeconds(30)), "rsync: connection refused\n日本語");
        List<CheckStore.PingRecord> pings = checks.recentPings(name, 10);
        assertEquals(2, pings.size());
        assertEquals(Optional.of(2), pings.get(0).ping().exitStatus());
        assertEquals("rsync: connection refused\n日本語", pings.get(0).body());
        assertEquals("", pings.get(1).body());
        assertEquals(1, checks.recentPings(name, 1).size());
    }

    /** Eight detector runs at once over one overdue check: one wins the conditional write and pages. */
    @Test
    void overlappingDetectorRunsPageOnce() throws Exception {
        String name = unique("overlap");
        Check made = Check.created(spec(name), PingKeys.next(), T0);
        assertTrue(checks.create(made));
        ConcurrentLinkedQueue<String> pages = new ConcurrentLinkedQueue<>();
        CheckPager pager = new CheckPager() {
            @Override
            public void verify(CheckSpec spec) {
            }

            @Override
            public Optional<String> page(Check check, String sentence) {
                if (check.name().equals(name)) {
                    pages.add(sentence);
                }
                return Optional.of("inc-" + check.name());
            }

            @Override
            public void resolve(Check check, String sentence) {
            }
        };
        Clock late = Clock.fixed(T0.plusSeconds(400), ZoneOffset.UTC);
        CheckService service = new CheckService(checks, pager, new CheckSentences("en-US"), late, PingKeys::next, alertbridge.config.JitteredBackoff.CONTENTION);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService runs = Executors.newFixedThreadPool(8)) {
            List<Future<CheckService.Detection>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(runs.submit(() -> {
                    start.await();
                    return service.detect();
                }));
            }
            start.countDown();
            for (Future<CheckService.Detection> r : results) {
                r.get();
            }
        }
        assertEquals(1, pages.size(), "paged once: " + pages);
        Check down = checks.find(name).orElseThrow();
        assertEquals(CheckState.DOWN, down.state());
        assertEquals(Optional.of("inc-" + name), down.incidentId());
        assertFalse(checks.due(T0.plusSeconds(100_000)).contains(name));
    }

    /**
     * The job reports a failure and, while that page is being placed, a success: the success found no incident to
     * resolve yet, so the page resolves the incident it opened once it sees the check is up again.
     */
    @Test
    void aSuccessWhilePagingResolvesTheIncidentThePageOpened() {
        String name = unique("flap");
        Check made = Check.created(spec(name), PingKeys.next(), T0);
        assertTrue(checks.create(made));
        List<String> resolves = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<CheckService> service = new java.util.concurrent.atomic.AtomicReference<>();
        CheckPager pager = new CheckPager() {
            @Override
            public void verify(CheckSpec spec) {
            }

            @Override
            public Optional<String> page(Check check, String sentence) {
                service.get().ping(check.pingKey(), "", "recovered"); // the success, while the calls are placed
                return Optional.of("inc-" + check.name());
            }

            @Override
            public void resolve(Check check, String sentence) {
                resolves.add(sentence);
            }
        };
        service.set(new CheckService(checks, pager, new CheckSentences("en-US"), Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC),
                PingKeys::next, alertbridge.config.JitteredBackoff.CONTENTION));
        service.get().ping(made.pingKey(), "fail", "boom");
        Check after = checks.find(name).orElseThrow();
        assertEquals(CheckState.UP, after.state());
        assertTrue(after.incidentId().isEmpty());
        assertEquals(2, resolves.size(), "the success's own resolve (nothing open yet), then the page's: " + resolves);
    }
}
