package alertbridge.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The fixtures: teams sre, eu, ny, and override O1. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

    private Fixtures() {
    }

    static ScheduleVersion version(String zone, RotationUnit unit, String anchor, List<String> people, Set<LocalDate> holidays) {
        return new ScheduleVersion(1, CREATED, ZoneId.of(zone),
                List.of(new Rotation("r1", "primary", 1, unit, 1, LocalDateTime.parse(anchor), 0, people)),
                holidays, ScheduleVersion.NightHours.DEFAULT, ScheduleVersion.Notify.DEFAULT, CREATED);
    }

    static ScheduleVersion sre() {
        return version("Asia/Tokyo", RotationUnit.WEEKS, "2027-01-03T00:00", List.of("alice", "bob", "carol"), Set.of());
    }

    static ScheduleVersion eu(String anchor) {
        return version("Europe/Berlin", RotationUnit.WEEKS, anchor, List.of("dana", "erik"), Set.of());
    }

    static ScheduleVersion ny(String anchor) {
        return version("America/New_York", RotationUnit.DAYS, anchor, List.of("frank", "gina"), Set.of());
    }

    static Timeline timeline(ScheduleVersion version, Override... overrides) {
        return new Timeline(List.of(version), List.of(overrides));
    }

    /** O1: alice replaced by bob, 2027-01-05T18:00+09:00 to 2027-01-06T09:00+09:00. */
    static Override o1() {
        return new Override("o1", at("2027-01-05T18:00+09:00"), at("2027-01-06T09:00+09:00"), 1, List.of("bob"),
                List.of("alice"), "dentist", "api", CREATED);
    }

    static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
