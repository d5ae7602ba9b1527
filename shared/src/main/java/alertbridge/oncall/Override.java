package alertbridge.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A span {@code [start, end)} that changes who is on call in one round: add only adds, remove only removes, both
 * replace. {@code remove: ["*"]} empties the round. A remove (or replace) whose removed people are none of those on
 * call at that instant is ignored entirely, add included (GoAlert's rule).
 */
public record Override(String id, Instant start, Instant end, int round, List<String> add, List<String> remove,
                       String reason, String createdBy, Instant createdAt) {
    /** The longest an override may run. */
    public static final Duration MAX_LENGTH = Duration.ofDays(31);
    public static final String EVERYONE = "*";

    public Override {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an override's end must be after its start");
        }
    }

    public boolean activeAt(Instant t) {
        return !start.isAfter(t) && end.isAfter(t);
    }

    public boolean removesEveryone() {
        return remove.contains(EVERYONE);
    }

    /** The same override ending at {@code at} (a started override deleted: the past stays as it was). */
    public Override truncatedAt(Instant at) {
        return new Override(id, start, at, round, add, remove, reason, createdBy, createdAt);
    }
}
