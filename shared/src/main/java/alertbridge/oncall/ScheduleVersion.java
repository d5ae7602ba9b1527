package alertbridge.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One immutable version of a team's schedule, in force from {@code effectiveFrom} until the next version's. The
 * first version also answers for any instant before it, so a schedule can be asked about its own past.
 */
public record ScheduleVersion(int version, Instant effectiveFrom, ZoneId zone, List<Rotation> rotations,
                              Set<LocalDate> holidays, NightHours night, Notify notices, Instant createdAt) {
    public ScheduleVersion {
        rotations = List.copyOf(rotations);
        holidays = java.util.Collections.unmodifiableSet(new TreeSet<>(holidays));
        if (rotations.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one rotation");
        }
    }

    /** Local hours counted as night in the report: {@code [from, to)}, wrapping past midnight when {@code from > to}. */
    public record NightHours(LocalTime from, LocalTime to) {
        public static final NightHours DEFAULT = new NightHours(LocalTime.of(22, 0), LocalTime.of(5, 0));
    }

    /** Handoff notices: an SMS, a Slack post, and a reminder this many minutes before (0: none). */
    public record Notify(boolean sms, boolean slack, int remindMinutes) {
        public static final Notify DEFAULT = new Notify(true, true, 0);
    }
}
