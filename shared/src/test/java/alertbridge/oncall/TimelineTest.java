package alertbridge.oncall;

import static alertbridge.oncall.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rotation arithmetic (R1-R6) and overrides (O1, gap) against the fixtures; every instant fixed. */
class TimelineTest {
    private final Timeline sre = Fixtures.timeline(Fixtures.sre());

    @Test
    void r1_aliceUntilTheLastSecondOfSaturdayInTokyo() {
        Instant t = at("2027-01-09T14:59:59Z");
        assertEquals(List.of("alice"), sre.at(t).people(1));
        assertEquals(new Timeline.Span(at("2027-01-02T15:00:00Z"), at("2027-01-09T15:00:00Z")), sre.presence(1, "alice", t).orElseThrow());
    }

    @Test
    void r2_bobFromSundayMidnightTokyo() {
        Instant t = at("2027-01-09T15:00:00Z");
        assertEquals(List.of("bob"), sre.at(t).people(1));
        assertEquals(at("2027-01-16T15:00:00Z"), sre.presence(1, "bob", t).orElseThrow().end());
        assertEquals(List.of("alice"), sre.at(at("2027-01-09T23:59:30+09:00")).people(1)); // no 23:59 gap
    }

    @Test
    void r3_wrapsAfterThreeAndFloorsBeforeTheAnchor() {
        assertEquals(List.of("alice"), sre.at(at("2027-01-23T15:00:00Z")).people(1));
        assertEquals(List.of("carol"), sre.at(at("2027-01-02T14:59:59Z")).people(1));
        assertEquals(List.of("bob"), sre.at(at("2026-12-26T14:59:59Z")).people(1));
    }

    @Test
    void r4_berlinWeeklyHandsOffAtNineLocalAcrossSpringForward() {
        Timeline eu = Fixtures.timeline(Fixtures.eu("2027-03-22T09:00"));
        assertEquals(List.of("dana"), eu.at(at("2027-03-29T06:59:59Z")).people(1));
        assertEquals(List.of("erik"), eu.at(at("2027-03-29T07:00:00Z")).people(1));
        assertEquals(List.of("erik"), eu.at(at("2027-03-29T07:59:00Z")).people(1));
    }

    @Test
    void r5_springWeekIs167HoursAndAutumnWeek169() {
        Timeline spring = Fixtures.timeline(Fixtures.eu("2027-03-22T09:00"));
        Shifts.RoundShift dana = Shifts.byRound(spring, at("2027-03-22T08:00:00Z"), at("2027-04-05T00:00:00Z")).getFirst();
        assertEquals(List.of("dana"), dana.people());
        assertEquals(at("2027-03-22T08:00:00Z"), dana.start());
        assertEquals(at("2027-03-29T07:00:00Z"), dana.end());
        assertEquals(Duration.ofHours(167), Duration.between(dana.start(), dana.end()));

        Timeline autumn = Fixtures.timeline(Fixtures.eu("2027-10-25T09:00"));
        Shifts.RoundShift first = Shifts.byRound(autumn, at("2027-10-25T07:00:00Z"), at("2027-11-10T00:00:00Z")).getFirst();
        assertEquals(at("2027-11-01T08:00:00Z"), first.end());
        assertEquals(Duration.ofHours(169), Duration.between(first.start(), first.end()));
    }

    @Test
    void r6_dailyBerlinAtTwoThirtySkipsTheGapWithoutDrifting() {
        Rotation daily = new Rotation("r1", "d", 1, RotationUnit.DAYS, 1, LocalDateTime.parse("2027-03-27T02:30"), 0,
                List.of("dana", "erik"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(at("2027-03-27T01:30:00Z"), daily.boundary(0, berlin));
        assertEquals(at("2027-03-28T01:30:00Z"), daily.boundary(1, berlin)); // 02:30 does not exist: 03:30 CEST
        assertEquals(at("2027-03-29T00:30:00Z"), daily.boundary(2, berlin)); // back to 02:30, no drift
        Rotation.Slot slot = daily.slotAt(at("2027-03-28T12:00:00Z"), berlin);
        assertEquals(at("2027-03-28T01:30:00Z"), slot.start());
        assertEquals(at("2027-03-29T00:30:00Z"), slot.end());
        // autumn: 2027-10-31 02:30 happens twice; the earlier offset (CEST) is taken
        assertEquals(at("2027-10-31T00:30:00Z"), daily.slotAt(at("2027-10-31T05:00:00Z"), berlin).start());
    }

    @Test
    void hourlyRotationKeepsTheWallClockAndSkipsTheMissingHour() {
        Rotation hourly = new Rotation("r1", "h", 1, RotationUnit.HOURS, 1, LocalDateTime.parse("2027-03-28T00:00"), 0,
                List.of("dana", "erik"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Rotation.Slot slot = hourly.slotAt(at("2027-03-28T01:10:00Z"), berlin); // 03:10 CEST
        assertEquals(at("2027-03-28T01:00:00Z"), slot.start());
        assertEquals(at("2027-03-28T02:00:00Z"), slot.end());
    }

    @Test
    void o1_replaceHandsAliceNightToBobAndBack() {
        Timeline t = Fixtures.timeline(Fixtures.sre(), Fixtures.o1());
        assertEquals(List.of("bob"), t.at(at("2027-01-05T20:00+09:00")).people(1));
        assertEquals(List.of("alice"), t.at(at("2027-01-06T09:00+09:00")).people(1));
        assertEquals(new Timeline.Span(at("2027-01-05T18:00+09:00"), at("2027-01-06T09:00+09:00")),
                t.presence(1, "bob", at("2027-01-05T20:00+09:00")).orElseThrow());
        assertEquals(at("2027-01-05T18:00+09:00"), t.presence(1, "alice", at("2027-01-05T12:00+09:00")).orElseThrow().end());
    }

    @Test
    void replaceOfSomeoneNotOnCallIsIgnoredAddIncluded() {
        Override notOnCall = new Override("o2", at("2027-01-05T00:00+09:00"), at("2027-01-06T00:00+09:00"), 1,
                List.of("bob"), List.of("carol"), "", "api", Fixtures.CREATED);
        assertEquals(List.of("alice"), Fixtures.timeline(Fixtures.sre(), notOnCall).at(at("2027-01-05T12:00+09:00")).people(1));
    }

    @Test
    void addOverrideJoinsTheRotation() {
        Override add = new Override("o3", at("2027-01-07T00:00+09:00"), at("2027-01-08T00:00+09:00"), 1,
                List.of("carol"), List.of(), "", "api", Fixtures.CREATED);
        OnCallSet set = Fixtures.timeline(Fixtures.sre(), add).at(at("2027-01-07T12:00+09:00"));
        assertEquals(List.of("alice", "carol"), set.people(1));
        assertTrue(set.onlyByOverride("carol"));
        assertFalse(set.onlyByOverride("alice"));
    }

    @Test
    void o2_removeEveryoneIsAGap() {
        Override all = new Override("o4", at("2027-01-05T00:00+09:00"), at("2027-01-06T00:00+09:00"), 1,
                List.of(), List.of("*"), "", "api", Fixtures.CREATED);
        Timeline t = Fixtures.timeline(Fixtures.sre(), all);
        assertTrue(t.at(at("2027-01-05T12:00+09:00")).gap());
        assertFalse(t.at(at("2027-01-06T00:00+09:00")).gap());
    }

    @Test
    void nextNamesTheNextPeopleAndWhen() {
        Timeline.Segment next = sre.next(at("2027-01-05T12:00+09:00")).orElseThrow();
        assertEquals(at("2027-01-09T15:00:00Z"), next.start());
        assertEquals(List.of("bob"), next.onCall().people(1));
    }

    @Test
    void shiftsMergeEqualNeighboursAndSplitAtOverrides() {
        Timeline t = Fixtures.timeline(Fixtures.sre(), Fixtures.o1());
        List<Shifts.RoundShift> shifts = Shifts.byRound(t, at("2027-01-02T15:00:00Z"), at("2027-01-16T15:00:00Z"));
        assertEquals(List.of(List.of("alice"), List.of("bob"), List.of("alice"), List.of("bob")),
                shifts.stream().map(Shifts.RoundShift::people).toList());
        assertEquals(at("2027-01-05T09:00:00Z"), shifts.get(1).start());
        assertEquals(at("2027-01-06T00:00:00Z"), shifts.get(1).end());
        assertTrue(shifts.get(1).overridden());
        List<Shifts.PersonShift> byPerson = Shifts.byPerson(t, at("2027-01-02T15:00:00Z"), at("2027-01-16T15:00:00Z"));
        assertEquals(4, byPerson.size());
    }
}
