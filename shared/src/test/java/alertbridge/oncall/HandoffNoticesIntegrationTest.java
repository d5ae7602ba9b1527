package alertbridge.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.TextResult;
import alertbridge.calls.TextSender;
import alertbridge.config.SsmParameterSource;
import alertbridge.events.IncidentEvent;
import alertbridge.ids.IncidentIds;
import alertbridge.table.Handoffs;
import alertbridge.table.Schedules;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SettableClock;
import alertbridge.testkit.aws.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handoff notices against moto (H1, H2): two tickers at once, on two threads with their own services, claim the
 * change through DynamoDB's conditional write, so exactly one SMS and one event go out; a late run skips.
 */
class HandoffNoticesIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Schedules schedules = SampleConfig.store(aws).schedules();
    private static final Handoffs handoffs = SampleConfig.store(aws).handoffs();

    private record Text(String to, String body) {
    }

    private static String unique(String prefix) {
        return prefix + "-" + IncidentIds.next().substring(0, 8).replaceAll("[^A-Za-z0-9]", "x");
    }

    private static ScheduleService service(String team, SettableClock clock) {
        SsmParameterSource ssm = new SsmParameterSource(aws.ssm());
        return new ScheduleService(schedules, new People(aws.parameterPath() + "/people", ssm::find, java.util.Map::of),
                t -> List.of("+818012345601", "+818012345602", "+818012345603"), clock, () -> unique("o"));
    }

    private static String team(SettableClock clock) {
        return team(clock, 0);
    }

    private static String team(SettableClock clock, int remindMinutes) {
        aws.putSecret("people/alice", "{\"name\":\"alice\",\"phone\":\"+818012345601\",\"slack\":\"U0ALICE\"}");
        aws.putSecret("people/bob", "{\"name\":\"bob\",\"phone\":\"+818012345602\",\"slack\":\"U0BOB\"}");
        aws.putSecret("people/carol", "{\"name\":\"carol\",\"phone\":\"+818012345603\"}");
        String team = unique("sre");
        service(team, clock).put(team, ScheduleRequests.draft(Map.of("zone", "Asia/Tokyo", "notify", Map.of("remindMinutes", remindMinutes),
                "rotations", List.of(Map.of("unit", "weeks", "anchor", "2027-01-03T00:00", "participants", List.of("alice", "bob", "carol"))))));
        return team;
    }

    @Test
    void h1_twoTickersAtOnceSendOneSmsToBobAndOneEvent() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2027-01-05T00:00:00Z"));
        String team = team(clock);
        clock.set(Instant.parse("2027-01-09T15:00:30Z"));
        ConcurrentLinkedQueue<Text> texts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<IncidentEvent> events = new ConcurrentLinkedQueue<>();
        TextSender sender = (to, body) -> {
            texts.add(new Text(to, body));
            return new TextResult.Sent("SM1", "queued");
        };
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HandoffNotices.Run>> runs;
        try (ExecutorService tickers = Executors.newFixedThreadPool(2)) {
            runs = List.of(tickers.submit(() -> {
                start.await();
                return new HandoffNotices(handoffs, service(team, clock), sender, events::add, clock).run();
            }), tickers.submit(() -> {
                start.await();
                return new HandoffNotices(handoffs, service(team, clock), sender, events::add, clock).run();
            }));
            start.countDown();
        }
        assertEquals(1, runs.get(0).get().sent() + runs.get(1).get().sent());
        List<Text> bobs = texts.stream().filter(t -> t.to().equals("+818012345602")).toList();
        assertEquals(List.of(new Text("+818012345602", "alertbridge: you are on call for " + team
                + " until 2027-01-17 00:00 JST (after alice).")), bobs);
        assertEquals(1, texts.size());
        assertEquals(1, events.size());
        IncidentEvent event = events.peek();
        assertEquals(IncidentEvent.HANDOFF, event.type());
        assertEquals(Map.of("team", team, "at", "2027-01-09T15:00:00Z", "from", List.of("alice"), "to", List.of("bob"),
                "until", "2027-01-16T15:00:00Z", "slack", team + " on call: <@U0BOB> until 2027-01-17 00:00 JST (was <@U0ALICE>)"),
                event.detail());

        // the next run finds bob's handoff (a week on) not yet due: nothing more
        assertEquals(new HandoffNotices.Run(0, 0), new HandoffNotices(handoffs, service(team, clock), sender, events::add, clock).run());
        assertEquals(1, texts.size());
    }

    @Test
    void h2_aTickerMoreThanThirtyMinutesLateSkipsTheNotice() {
        SettableClock clock = new SettableClock(Instant.parse("2027-01-05T00:00:00Z"));
        String team = team(clock);
        ConcurrentLinkedQueue<Text> texts = new ConcurrentLinkedQueue<>();
        TextSender sender = (to, body) -> {
            texts.add(new Text(to, body));
            return new TextResult.Sent("SM1", "queued");
        };
        clock.set(Instant.parse("2027-01-09T15:20:00Z"));
        assertEquals(new HandoffNotices.Run(1, 0), new HandoffNotices(handoffs, service(team, clock), sender, e -> { }, clock).run());
        clock.set(Instant.parse("2027-01-05T00:00:00Z"));
        String late = team(clock);
        clock.set(Instant.parse("2027-01-09T17:00:00Z"));
        HandoffNotices.Run run = new HandoffNotices(handoffs, service(late, clock), sender, e -> { }, clock).run();
        assertTrue(run.skipped() >= 1, run.toString());
        assertEquals(1, texts.size(), "no stale SMS: " + texts);
    }

    @Test
    void h3_aReminderRemindMinutesBeforeTheChangeOnce() {
        SettableClock clock = new SettableClock(Instant.parse("2027-01-05T00:00:00Z"));
        String team = team(clock, 60);
        ConcurrentLinkedQueue<Text> texts = new ConcurrentLinkedQueue<>();
        TextSender sender = (to, body) -> {
            texts.add(new Text(to, body));
            return new TextResult.Sent("SM1", "queued");
        };
        clock.set(Instant.parse("2027-01-09T13:59:30Z"));
        new HandoffNotices(handoffs, service(team, clock), sender, e -> { }, clock).run();
        assertEquals(List.of(), texts.stream().filter(t -> t.body().contains(team)).toList(), "not before 14:00");
        clock.set(Instant.parse("2027-01-09T14:00:30Z"));
        new HandoffNotices(handoffs, service(team, clock), sender, e -> { }, clock).run();
        new HandoffNotices(handoffs, service(team, clock), sender, e -> { }, clock).run();
        assertEquals(List.of(new Text("+818012345602", "alertbridge: reminder: you are on call for " + team + " from 2027-01-10 00:00 JST.")),
                texts.stream().filter(t -> t.body().contains(team)).toList());
        clock.set(Instant.parse("2027-01-09T15:00:30Z"));
        new HandoffNotices(handoffs, service(team, clock), sender, e -> { }, clock).run();
        assertEquals(2, texts.stream().filter(t -> t.body().contains(team)).count(), "the reminder, then the notice");
    }
}
