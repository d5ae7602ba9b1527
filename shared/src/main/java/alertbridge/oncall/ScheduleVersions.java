package alertbridge.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a PUT becomes the next version, effective from now: the past is never rewritten. With {@code preserveCurrent}
 * (the default) each rotation that keeps its id keeps whoever is on call now until their handoff and applies the
 * new order after it; someone no longer listed hands over to the new order's first person at once. Without it the
 * new order applies from the anchor as written.
 */
public final class ScheduleVersions {
    private ScheduleVersions() {
    }

    /**
     * @param restarted rotations whose current person is no longer listed: they restart from the first participant now
     */
    public record Next(ScheduleVersion version, List<String> restarted) {
    }

    public static Next next(Optional<ScheduleVersion> current, ScheduleRequests.Draft draft, Instant now) {
        List<Rotation> rotations = new ArrayList<>();
        List<String> restarted = new ArrayList<>();
        for (Rotation fresh : draft.rotations()) {
            Optional<Rotation> old = current.flatMap(v -> v.rotations().stream().filter(r -> r.id().equals(fresh.id())).findFirst());
            if (!draft.preserveCurrent() || old.isEmpty()) {
                rotations.add(fresh);
                continue;
            }
            String onCall = old.get().slotAt(now, current.get().zone()).person();
            long k = fresh.slotAt(now, draft.zone()).k();
            int n = fresh.participants().size();
            int index = fresh.participants().indexOf(onCall);
            if (index < 0) {
                restarted.add(fresh.id());
                index = 0;
            }
            rotations.add(fresh.startingAt((int) Math.floorMod(index - k, (long) n)));
        }
        int number = current.map(v -> v.version() + 1).orElse(1);
        return new Next(new ScheduleVersion(number, now, draft.zone(), rotations, draft.holidays(), draft.night(),
                draft.notices(), now), restarted);
    }
}
