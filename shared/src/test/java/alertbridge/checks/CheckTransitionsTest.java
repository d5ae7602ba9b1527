package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.checks.CheckTransitions.Effect;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");
    private static final Check NEW = Check.created("nightly-backup", Duration.ofMinutes(5), Duration.ofMinutes(1), T0);

    @Test
    void deadlineIsPeriodPlusGraceAfterLastSuccess() {
        assertEquals(Optional.of(T0.plusSeconds(360)), NEW.deadline());
        Check up = CheckTransitions.ping(NEW, PingKind.SUCCESS, T0.plusSeconds(100)).check();
        assertEquals(CheckState.UP, up.state());
        assertEquals(Optional.of(T0.plusSeconds(460)), up.deadline());
    }

    @Test
    void afterStartSuccessMustComeWithinGrace() {
        Check started = CheckTransitions.ping(NEW, PingKind.START, T0.plusSeconds(10)).check();
        assertEquals(Optional.of(T0.plusSeconds(70)), started.deadline());
        assertEquals(Effect.NONE, CheckTransitions.detect(started, T0.plusSeconds(69)).effect());
        assertEquals(Effect.PAGE, CheckTransitions.detect(started, T0.plusSeconds(70)).effect());
    }

    @Test
    void missedDeadlinePagesOnceAndNextSuccessResolves() {
        assertEquals(Effect.NONE, CheckTransitions.detect(NEW, T0.plusSeconds(359)).effect());
        var missed = CheckTransitions.detect(NEW, T0.plusSeconds(360));
        assertEquals(Effect.PAGE, missed.effect());
        assertEquals(CheckState.DOWN, missed.check().state());
        assertTrue(missed.check().deadline().isEmpty());
        assertEquals(Effect.NONE, CheckTransitions.detect(missed.check(), T0.plusSeconds(9999)).effect());
        assertEquals(Effect.NONE, CheckTransitions.ping(missed.check(), PingKind.FAIL, T0.plusSeconds(400)).effect());
        var back = CheckTransitions.ping(missed.check(), PingKind.SUCCESS, T0.plusSeconds(500));
        assertEquals(Effect.RESOLVE, back.effect());
        assertEquals(CheckState.UP, back.check().state());
    }

    @Test
    void failAndNonZeroExitPageAtOnce() {
        assertEquals(Effect.PAGE, CheckTransitions.ping(NEW, PingKind.FAIL, T0).effect());
        assertEquals(PingKind.FAIL, PingKind.fromSuffix("1"));
        assertEquals(PingKind.FAIL, PingKind.fromSuffix("255"));
        assertEquals(PingKind.SUCCESS, PingKind.fromSuffix("0"));
        assertEquals(PingKind.SUCCESS, PingKind.fromSuffix(""));
        assertEquals(PingKind.START, PingKind.fromSuffix("start"));
        assertThrows(IllegalArgumentException.class, () -> PingKind.fromSuffix("256"));
        assertThrows(IllegalArgumentException.class, () -> PingKind.fromSuffix("oops"));
    }

    @Test
    void validatesNamePeriodAndGrace() {
        assertThrows(IllegalArgumentException.class,
            () -> Check.created("bad name", Duration.ofMinutes(5), Duration.ZERO, T0));
        assertThrows(IllegalArgumentException.class,
            () -> Check.created("ok", Duration.ofSeconds(59), Duration.ZERO, T0));
        assertThrows(IllegalArgumentException.class,
            () -> Check.created("ok", Duration.ofMinutes(5), Duration.ofSeconds(-1), T0));
    }

    @Test
    void downSentenceSaysWhichJobAndSinceWhenInTheGivenZone() {
        Check pinged = CheckTransitions.ping(NEW, PingKind.SUCCESS, Instant.parse("2026-11-29T18:00:00Z")).check();
        assertEquals("Check nightly-backup is down: no ping since 03:00 Japan Time.",
            CheckSentences.down(pinged, ZoneId.of("Asia/Tokyo")));
        assertTrue(CheckSentences.down(NEW, ZoneId.of("UTC")).contains("never pinged"));
    }
}
