package alertbridge.oncall;

import static alertbridge.oncall.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hours report (R7, R8's reproducibility, P1, CSV); hours from instants, split at local midnights. */
class HoursReportTest {
    private static final LocalDate JAN_3 = LocalDate.parse("2027-01-03");
    private static final LocalDate JAN_17 = LocalDate.parse("2027-01-17");

    @Test
    void r7_newYorkDailyIs23HoursInSpringAnd25InAutumn() {
        Map<String, HoursReport.Row> spring = byPerson(HoursReport.rows(Fixtures.timeline(Fixtures.ny("2027-03-13T09:00")),
                LocalDate.parse("2027-03-13"), LocalDate.parse("2027-03-15"), Map.of()));
        assertEquals(new BigDecimal("23.00"), spring.get("frank").total());
        assertEquals(new BigDecimal("24.00"), spring.get("gina").total());
        Map<String, HoursReport.Row> autumn = byPerson(HoursReport.rows(Fixtures.timeline(Fixtures.ny("2027-11-06T09:00")),
                LocalDate.parse("2027-11-06"), LocalDate.parse("2027-11-08"), Map.of()));
        assertEquals(new BigDecimal("25.00"), autumn.get("frank").total());
    }

    @Test
    void p1_withoutOverridesWeekdaysWeekendsAndTheHoliday() {
        ScheduleVersion sre = Fixtures.version("Asia/Tokyo", RotationUnit.WEEKS, "2027-01-03T00:00",
                List.of("alice", "bob", "carol"), Set.of(LocalDate.parse("2027-01-11")));
        Map<String, HoursReport.Row> rows = byPerson(HoursReport.rows(Fixtures.timeline(sre), JAN_3, JAN_17, Map.of()));
        assertRow(rows.get("alice"), "168.00", "120.00", "48.00", "0.00", "0.00");
        assertRow(rows.get("bob"), "168.00", "96.00", "48.00", "24.00", "0.00");
        assertEquals(1, rows.get("alice").shifts());
    }

    @Test
    void p1_withO1AliceLosesFifteenHoursToBob() {
        ScheduleVersion sre = Fixtures.version("Asia/Tokyo", RotationUnit.WEEKS, "2027-01-03T00:00",
                List.of("alice", "bob", "carol"), Set.of(LocalDate.parse("2027-01-11")));
        Map<String, HoursReport.Row> rows = byPerson(HoursReport.rows(Fixtures.timeline(sre, Fixtures.o1()), JAN_3, JAN_17,
                Map.of("bob", new HoursReport.Activity(2, 1))));
        assertRow(rows.get("alice"), "153.00", "105.00", "48.00", "0.00", "0.00");
        assertRow(rows.get("bob"), "183.00", "111.00", "48.00", "24.00", "15.00");
        assertEquals(2, rows.get("alice").shifts());
        assertEquals(2, rows.get("bob").shifts());
        assertEquals(2, rows.get("bob").pages());
        assertEquals(1, rows.get("bob").joined());
        // night 22:00-05:00 Tokyo: alice has 7 h a night for 14 nights' worth minus O1's 18:00-09:00
        assertEquals(new BigDecimal("42.00"), rows.get("alice").night());
    }

    @Test
    void r8_aNewVersionKeepsBobAndLeavesThePastReportByteIdentical() {
        ScheduleVersion v1 = Fixtures.sre();
        String before = HoursReport.csv(HoursReport.rows(new Timeline(List.of(v1), List.of()), JAN_3, LocalDate.parse("2027-01-10"), Map.of()));
        ScheduleRequests.Draft draft = new ScheduleRequests.Draft(v1.zone(), List.of(new Rotation("r1", "primary", 1,
                RotationUnit.WEEKS, 1, LocalDateTime.parse("2027-01-03T00:00"), 0, List.of("alice", "dave", "bob", "carol"))),
                Set.of(), v1.night(), v1.notices(), true);
        ScheduleVersions.Next next = ScheduleVersions.next(Optional.of(v1), draft, at("2027-01-12T03:00:00Z"));
        Timeline after = new Timeline(List.of(v1, next.version()), List.of());
        assertEquals(List.of("bob"), after.at(at("2027-01-12T03:00:00Z")).people(1));
        assertEquals(at("2027-01-16T15:00:00Z"), after.presence(1, "bob", at("2027-01-12T03:00:00Z")).orElseThrow().end());
        assertEquals(List.of("carol"), after.at(at("2027-01-16T15:00:00Z")).people(1));
        assertEquals(List.of("alice"), after.at(at("2027-01-23T15:00:00Z")).people(1));
        assertEquals(List.of("dave"), after.at(at("2027-01-30T15:00:00Z")).people(1));
        assertEquals(List.of(), next.restarted());
        assertEquals(before, HoursReport.csv(HoursReport.rows(after, JAN_3, LocalDate.parse("2027-01-10"), Map.of())));

        ScheduleVersions.Next reshuffled = ScheduleVersions.next(Optional.of(v1),
                new ScheduleRequests.Draft(draft.zone(), draft.rotations(), Set.of(), v1.night(), v1.notices(), false),
                at("2027-01-12T03:00:00Z"));
        assertEquals(List.of("dave"), new Timeline(List.of(v1, reshuffled.version()), List.of()).at(at("2027-01-12T03:00:00Z")).people(1));
    }

    @Test
    void aRemovedCurrentPersonHandsOverToTheFirstAtOnce() {
        ScheduleVersion v1 = Fixtures.sre();
        ScheduleRequests.Draft draft = new ScheduleRequests.Draft(v1.zone(), List.of(new Rotation("r1", "primary", 1,
                RotationUnit.WEEKS, 1, LocalDateTime.parse("2027-01-03T00:00"), 0, List.of("carol", "alice"))),
                Set.of(), v1.night(), v1.notices(), true);
        ScheduleVersions.Next next = ScheduleVersions.next(Optional.of(v1), draft, at("2027-01-12T03:00:00Z"));
        assertEquals(List.of("r1"), next.restarted());
        assertEquals(List.of("carol"), new Timeline(List.of(v1, next.version()), List.of()).at(at("2027-01-12T03:00:00Z")).people(1));
    }

    @Test
    void csvHasTheDocumentedHeader() {
        String csv = HoursReport.csv(HoursReport.rows(Fixtures.timeline(Fixtures.sre()), JAN_3, JAN_17, Map.of()));
        assertEquals("person,total,weekday,weekend,holiday,night,fromOverrides,shifts,pages,joined", csv.lines().findFirst().orElseThrow());
        assertEquals("alice,168.00,120.00,48.00,0.00,49.00,0.00,1,0,0", csv.lines().skip(1).findFirst().orElseThrow());
    }

    private static void assertRow(HoursReport.Row row, String total, String weekday, String weekend, String holiday, String overrides) {
        assertEquals(List.of(total, weekday, weekend, holiday, overrides), List.of(row.total().toPlainString(),
                row.weekday().toPlainString(), row.weekend().toPlainString(), row.holiday().toPlainString(),
                row.fromOverrides().toPlainString()));
    }

    private static Map<String, HoursReport.Row> byPerson(List<HoursReport.Row> rows) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(HoursReport.Row::person, r -> r));
    }
}
