package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.checks.CheckTransitions.Effect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");
    private static final CheckSpec SPEC = new CheckSpec("nightly-backup", new Schedule.Every(Duration.ofMinutes(5)),
            Duration.ofMinutes(1), Optional.of("sre"), List.of());
    private static final Check NEW = Check.created(SPEC, PingKeys.next(), T0);

    private static Ping ping(String suffix, long secondsAfterT0) {
        return Ping.of(suffix, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void deadlineIsPeriodPlusGraceAfterLastSuccess() {
        assertEquals(Optional.of(T0.plusSeconds(360)), NEW.deadline());
        Check up = CheckTransitions.ping(NEW, ping("", 100)).check();
        assertEquals(CheckState.UP, up.state());
        assertEquals(Optional.of(T0.plusSeconds(460)), up.deadline());
        assertEquals(Optional.of(T0.plusSeconds(100)), up.lastSuccess());
    }

    @Test
    void afterStartSuccessMustComeWithinGrace() {
        Check started = CheckTransitions.ping(NEW, ping("start", 10)).check();
        assertEquals(CheckState.STARTED, started.state());
        assertEquals(Optional.of(T0.plusSeconds(70)), started.deadline());
        assertEquals(Effect.NONE, CheckTransitions.detect(started, T0.plusSeconds(69)).effect());
        var late = CheckTransitions.detect(started, T0.plusSeconds(70));
        assertEquals(Effect.PAGE, late.effect());
        assertEquals(CheckState.DOWN, late.check().state());
    }

    @Test
    void missedDeadlinePagesOnceTheIncidentIsRecordedAndNextSuccessResolves() {
        assertEquals(Effect.NONE, CheckTransitions.detect(NEW, T0.plusSeconds(359)).effect());
        var missed = CheckTransitions.detect(NEW, T0.plusSeconds(360));
        assertEquals(Effect.PAGE, missed.effect());
        assertEquals(CheckState.DOWN, missed.check().state());
        assertEquals(Optional.of(T0.plusSeconds(420)), missed.check().deadline(), "until an incident is recorded: again a minute later");
        Check paged = missed.check().paged("inc1");
        assertTrue(paged.deadline().isEmpty(), "paged: out of the due index");
        assertEquals(Effect.NONE, CheckTransitions.detect(paged, T0.plusSeconds(100_000)).effect());
        var back = CheckTransitions.ping(paged, ping("0", 500));
        assertEquals(Effect.RESOLVE, back.effect());
        assertEquals(CheckState.UP, back.check().state());
        assertTrue(back.check().incidentId().isEmpty());
    }

    @Test
    void aPageThatOpenedNoIncidentIsTriedAgainEveryMinute() {
        Check down = CheckTransitions.detect(NEW, T0.plusSeconds(360)).check();
        var again = CheckTransitions.detect(down, T0.plusSeconds(421));
        assertEquals(Effect.PAGE, again.effect());
        assertEquals(Optional.of(T0.plusSeconds(481)), again.check().deadline());
        assertEquals(Effect.NONE, CheckTransitions.detect(again.check(), T0.plusSeconds(480)).effect());
    }

    @Test
    void failureAndNonZeroExitPageAtOnceButOnlyOnce() {
        var failed = CheckTransitions.ping(NEW, ping("fail", 5));
        assertEquals(Effect.PAGE, failed.effect());
        assertEquals(CheckState.DOWN, failed.check().state());
        var exit3 = CheckTransitions.ping(CheckTransitions.ping(NEW, ping("", 1)).check(), ping("3", 7));
        assertEquals(Effect.PAGE, exit3.effect());
        assertEquals(Optional.of(3), exit3.check().lastPing().orElseThrow().exitStatus());
        var again = CheckTransitions.ping(failed.check(), ping("fail", 9));
        assertEquals(Effect.NONE, again.effect(), "already down: no second page");
        assertEquals(CheckState.DOWN, again.check().state());
        var start = CheckTransitions.ping(failed.check(), ping("start", 9));
        assertEquals(CheckState.DOWN, start.check().state(), "a start does not bring a down check back");
        assertEquals(T0.plusSeconds(5), start.check().since());
    }

    @Test
    void pingSuffixes() {
        assertEquals(PingKind.SUCCESS, Ping.of("", T0).kind());
        assertEquals(PingKind.SUCCESS, Ping.of("0", T0).kind());
        assertEquals(PingKind.FAIL, Ping.of("255", T0).kind());
        assertEquals(PingKind.START, Ping.of("start", T0).kind());
        for (String bad : List.of("256", "-1", "log", "0x1", "1000")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Ping.of(bad, T0), bad);
        }
    }

    @Test
    void respecifyingKeepsKeyAndStateAndMovesTheDeadline() {
        Check up = CheckTransitions.ping(NEW, ping("", 0)).check();
        Check longer = up.respecified(new CheckSpec(SPEC.name(), new Schedule.Every(Duration.ofHours(1)), Duration.ZERO,
                Optional.empty(), List.of("+819012345678")));
        assertEquals(up.pingKey(), longer.pingKey());
        assertEquals(CheckState.UP, longer.state());
        assertEquals(Optional.of(T0.plusSeconds(3600)), longer.deadline());
    }
}
