package alertbridge.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.oncall.Override;
import alertbridge.oncall.People;
import alertbridge.oncall.Rotation;
import alertbridge.oncall.RotationUnit;
import alertbridge.oncall.ScheduleVersion;
import alertbridge.oncall.Timeline;
import alertbridge.roster.RosterValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Whom a scheduled team's page phones in which round (A1, O2's gap, A2's unavailable schedule), at a fixed instant. */
class OnCallFirstTest {
    private static final Instant T = Instant.parse("2027-01-05T03:00:00Z"); // 12:00 JST, alice's week
    private static final Map<String, String> PHONES = Map.of("alice", "+818012345601", "bob", "+818012345602",
            "carol", "+818012345603");
    private static final People PEOPLE = new People("/p/people", name -> Optional.ofNullable(
            PHONES.get(name.substring("/p/people/".length()))).map(phone -> "{\"name\":\"x\",\"phone\":\"" + phone + "\"}"), java.util.Map::of);
    private static final List<RosterValue.Member> ROSTER = RosterValue.parse(
            "+818012345601,+818012345602,+818012345603; round2: +818012345699").members();
    private static final ScheduleVersion SRE = new ScheduleVersion(1, Instant.parse("2026-12-01T00:00:00Z"),
            ZoneId.of("Asia/Tokyo"), List.of(new Rotation("r1", "primary", 1, RotationUnit.WEEKS, 1,
            LocalDateTime.parse("2027-01-03T00:00"), 0, List.of("alice", "bob", "carol"))), Set.of(),
            ScheduleVersion.NightHours.DEFAULT, ScheduleVersion.Notify.DEFAULT, Instant.parse("2026-12-01T00:00:00Z"));

    private static OnCallFirst.Routing route(java.util.function.Function<String, Optional<Timeline>> schedules) {
        return new OnCallFirst(schedules, PEOPLE, Clock.fixed(T, ZoneOffset.UTC), Duration.ofMillis(200)).route("sre", ROSTER);
    }

    @Test
    void a1_theOnCallPersonFirstThenTheRestOfTheRosterAfterTheSchedulesLastRound() {
        OnCallFirst.Routing routing = route(team -> Optional.of(new Timeline(List.of(SRE), List.of())));
        assertEquals(List.of("+818012345601"), routing.firstRound());
        assertEquals(List.of(new RosterValue.Member("+818012345602", 2), new RosterValue.Member("+818012345603", 2),
                new RosterValue.Member("+818012345699", 3)), routing.later());
        assertEquals(List.of("alice"), routing.onCall());
        assertEquals(Optional.of("on_call"), routing.schedule());
    }

    @Test
    void o2_aGapPhonesTheWholeRosterAndSaysSo() {
        Override everyone = new Override("o", T.minusSeconds(60), T.plusSeconds(3600), 1, List.of(), List.of("*"), "", "api", T);
        OnCallFirst.Routing routing = route(team -> Optional.of(new Timeline(List.of(SRE), List.of(everyone))));
        assertEquals(List.of("+818012345601", "+818012345602", "+818012345603"), routing.firstRound());
        assertEquals(Optional.of("gap"), routing.schedule());
        assertEquals(List.of(), routing.onCall());
    }

    @Test
    void a2_aScheduleThatCannotBeReadPhonesTheWholeRoster() {
        OnCallFirst.Routing failed = route(team -> {
            throw new IllegalStateException("table down");
        });
        assertEquals(Optional.of("unavailable"), failed.schedule());
        assertEquals(3, failed.firstRound().size());

        CountDownLatch never = new CountDownLatch(1);
        long started = System.nanoTime();
        OnCallFirst.Routing slow = route(team -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        assertEquals(Optional.of("unavailable"), slow.schedule());
        assertEquals(3, slow.firstRound().size());
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(true, tookMs < 1_000, "gave up at the budget: " + tookMs + " ms");
    }

    @Test
    void noScheduleIsTheRosterAsBefore() {
        OnCallFirst.Routing routing = route(team -> Optional.empty());
        assertEquals(Optional.empty(), routing.schedule());
        assertEquals(ROSTER, routing.members());
    }
}
