package alertbridge.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * One rotation: its participants take turns of {@code length} {@code unit}s, handing off at the wall-clock time of
 * {@code anchor} in the schedule's zone. Boundary <i>k</i> is always {@code anchor + k·length} on the local timeline,
 * never the previous boundary plus a length, so handoffs never drift across DST: a local time that does not exist
 * moves later by the gap's length, a doubled one takes the earlier offset ({@code java.time}'s rules). Slot <i>k</i>
 * belongs to participant {@code floorMod(startIndex + k, n)}, also before the anchor.
 *
 * @param round        the escalation round its people are phoned in (1 = primary)
 * @param startIndex   whose turn slot 0 is: kept by a new version so the person on call stays on until their handoff
 * @param participants person ids, in turn order
 */
public record Rotation(String id, String name, int round, RotationUnit unit, int length, LocalDateTime anchor,
                       int startIndex, List<String> participants) {
    public Rotation {
        participants = List.copyOf(participants);
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1");
        }
        if (unit == RotationUnit.HOURS && 24 % length != 0) {
            throw new IllegalArgumentException("an hourly rotation's length must divide 24 (1, 2, 3, 4, 6, 8, 12 or 24)");
        }
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs at least one participant");
        }
    }

    /** One turn: slot {@code k}, {@code [start, end)}, and whose it is. */
    public record Slot(long k, Instant start, Instant end, String person) {
    }

    /** Boundary {@code k}: the start of slot {@code k}, computed from the anchor alone. */
    public Instant boundary(long k, ZoneId zone) {
        return unit.plus(anchor, k * length).atZone(zone).toInstant();
    }

    /** The slot holding {@code t}: the {@code k} with {@code boundary(k) <= t < boundary(k + 1)}. */
    public Slot slotAt(Instant t, ZoneId zone) {
        long nominal = unit.nominal().multipliedBy(length).toSeconds();
        long k = Math.floorDiv(t.getEpochSecond() - boundary(0, zone).getEpochSecond(), nominal);
        while (boundary(k, zone).isAfter(t)) {
            k--;
        }
        while (!boundary(k + 1, zone).isAfter(t)) {
            k++;
        }
        return new Slot(k, boundary(k, zone), boundary(k + 1, zone), personOf(k));
    }

    /** Whose turn slot {@code k} is. */
    public String personOf(long k) {
        return participants.get((int) Math.floorMod(startIndex + k, (long) participants.size()));
    }

    /** The same rotation with {@code startIndex}. */
    public Rotation startingAt(int index) {
        return new Rotation(id, name, round, unit, length, anchor, index, participants);
    }
}
