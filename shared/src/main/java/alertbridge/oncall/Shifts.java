package alertbridge.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The final shifts over a window, after overrides, as {@code GET /shifts} and the calendar feed give them. */
public final class Shifts {
    private Shifts() {
    }

    /**
     * One round's people over {@code [start, end)}; {@code overridden} when an override put someone there.
     * Neighbours with the same people are merged.
     */
    public record RoundShift(int round, Instant start, Instant end, List<String> people, boolean overridden) {
        public RoundShift {
            people = List.copyOf(people);
        }
    }

    /** One person's continuous turn in one round, clipped to the window. */
    public record PersonShift(String person, int round, Instant start, Instant end, boolean fromOverride) {
    }

    public static List<RoundShift> byRound(Timeline timeline, Instant from, Instant to) {
        Map<Integer, List<RoundShift>> rounds = new java.util.TreeMap<>();
        for (Timeline.Segment segment : timeline.segments(from, to)) {
            segment.onCall().rounds().forEach((round, people) -> {
                List<RoundShift> shifts = rounds.computeIfAbsent(round, r -> new ArrayList<>());
                List<String> ids = List.copyOf(people.keySet());
                boolean overridden = people.containsValue(true);
                if (!shifts.isEmpty() && shifts.getLast().end().equals(segment.start())
                        && Set.copyOf(shifts.getLast().people()).equals(Set.copyOf(ids))) {
                    RoundShift last = shifts.getLast();
                    shifts.set(shifts.size() - 1, new RoundShift(round, last.start(), segment.end(), last.people(),
                            last.overridden() || overridden));
                } else if (!ids.isEmpty()) {
                    shifts.add(new RoundShift(round, segment.start(), segment.end(), ids, overridden));
                }
            });
        }
        return rounds.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(RoundShift::start).thenComparing(RoundShift::round)).toList();
    }

    /** Every person's turns per round, in order of start; a turn split only where the person's presence changes. */
    public static List<PersonShift> byPerson(Timeline timeline, Instant from, Instant to) {
        List<PersonShift> done = new ArrayList<>();
        Map<String, PersonShift> open = new LinkedHashMap<>();
        for (Timeline.Segment segment : timeline.segments(from, to)) {
            Set<String> here = new TreeSet<>();
            segment.onCall().rounds().forEach((round, people) -> people.forEach((person, byOverride) -> {
                String key = round + "\u0000" + person;
                here.add(key);
                PersonShift running = open.get(key);
                if (running != null && running.fromOverride() == byOverride) {
                    open.put(key, new PersonShift(person, round, running.start(), segment.end(), byOverride));
                } else {
                    if (running != null) {
                        done.add(running);
                    }
                    open.put(key, new PersonShift(person, round, segment.start(), segment.end(), byOverride));
                }
            }));
            Map<String, PersonShift> ended = new HashMap<>(open);
            ended.keySet().removeAll(here);
            ended.forEach((key, shift) -> {
                done.add(shift);
                open.remove(key);
            });
        }
        done.addAll(open.values());
        return done.stream().sorted(Comparator.comparing(PersonShift::start).thenComparing(PersonShift::round)
                .thenComparing(PersonShift::person)).toList();
    }
}
