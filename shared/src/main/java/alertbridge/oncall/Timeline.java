package alertbridge.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A team's schedule over time, a pure function of its stored versions and overrides: who is on call at any instant,
 * past or future, the instants where that can change, and the final spans between them. Nothing is stored about
 * shifts, so a report over the past is reproducible.
 */
public final class Timeline {
    /** How far {@link #presence} walks to find where a person's turn begins or ends. */
    private static final int MAX_STEPS = 2_000;

    private final List<ScheduleVersion> versions;
    private final List<Override> overrides;

    /** @param versions at least one; any order */
    public Timeline(List<ScheduleVersion> versions, List<Override> overrides) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs at least one schedule version");
        }
        this.versions = versions.stream().sorted(Comparator.comparing(ScheduleVersion::effectiveFrom)
                .thenComparing(ScheduleVersion::version)).toList();
        this.overrides = overrides.stream().sorted(Comparator.comparing(Override::start)
                .thenComparing(Override::createdAt).thenComparing(Override::id)).toList();
    }

    /** A span {@code [start, end)} with one on-call set. */
    public record Segment(Instant start, Instant end, OnCallSet onCall) {
    }

    /** A person's continuous turn in one round, {@code [start, end)}. */
    public record Span(Instant start, Instant end) {
    }

    /** The version in force at {@code t} (the first one for any instant before it). */
    public ScheduleVersion versionAt(Instant t) {
        ScheduleVersion found = versions.getFirst();
        for (ScheduleVersion v : versions) {
            if (!v.effectiveFrom().isAfter(t)) {
                found = v;
            }
        }
        return found;
    }

    public ScheduleVersion latest() {
        return versions.getLast();
    }

    public List<Override> overrides() {
        return overrides;
    }

    /** Who is on call at {@code t}: each rotation's turn, then the active overrides in the order they start. */
    public OnCallSet at(Instant t) {
        ScheduleVersion v = versionAt(t);
        SortedMap<Integer, Map<String, Boolean>> rounds = new TreeMap<>();
        for (Rotation r : v.rotations()) {
            rounds.computeIfAbsent(r.round(), k -> new LinkedHashMap<>()).putIfAbsent(r.slotAt(t, v.zone()).person(), false);
        }
        for (Override o : overrides) {
            if (!o.activeAt(t)) {
                continue;
            }
            Map<String, Boolean> people = rounds.computeIfAbsent(o.round(), k -> new LinkedHashMap<>());
            if (o.removesEveryone()) {
                people.clear();
            } else if (!o.remove().isEmpty() && o.remove().stream().noneMatch(people::containsKey)) {
                continue; // replacing someone who is not on call: ignored, add included
            } else {
                o.remove().forEach(people::remove);
            }
            o.add().forEach(person -> people.putIfAbsent(person, true));
        }
        return new OnCallSet(rounds);
    }

    /** The first instant after {@code t} where the on-call set may change. */
    public Instant changeAfter(Instant t) {
        ScheduleVersion v = versionAt(t);
        Instant next = Instant.MAX;
        for (ScheduleVersion later : versions) {
            if (later.effectiveFrom().isAfter(t)) {
                next = later.effectiveFrom();
                break;
            }
        }
        for (Rotation r : v.rotations()) {
            next = min(next, r.slotAt(t, v.zone()).end());
        }
        for (Override o : overrides) {
            if (o.start().isAfter(t)) {
                next = min(next, o.start());
            }
            if (o.end().isAfter(t)) {
                next = min(next, o.end());
            }
        }
        return next;
    }

    /** The last instant at or before {@code t} where the on-call set may have changed. */
    public Instant changeAtOrBefore(Instant t) {
        ScheduleVersion v = versionAt(t);
        Instant last = v == versions.getFirst() || v.effectiveFrom().isAfter(t) ? Instant.MIN : v.effectiveFrom();
        for (Rotation r : v.rotations()) {
            last = max(last, r.slotAt(t, v.zone()).start());
        }
        for (Override o : overrides) {
            if (!o.start().isAfter(t)) {
                last = max(last, o.start());
            }
            if (!o.end().isAfter(t)) {
                last = max(last, o.end());
            }
        }
        return last;
    }

    /** The final spans over {@code [from, to)}, clipped to it, with equal neighbours merged. */
    public List<Segment> segments(Instant from, Instant to) {
        List<Segment> segments = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = min(changeAfter(start), to);
            OnCallSet onCall = at(start);
            if (!segments.isEmpty() && segments.getLast().onCall().equals(onCall)) {
                segments.set(segments.size() - 1, new Segment(segments.getLast().start(), end, onCall));
            } else {
                segments.add(new Segment(start, end, onCall));
            }
            start = end;
        }
        return segments;
    }

    /**
     * The whole continuous turn of {@code person} in {@code round} around {@code t} (not clipped); empty when they are
     * not on call in that round at {@code t}. A turn longer than the walk reaches ends where the walk stopped.
     */
    public Optional<Span> presence(int round, String person, Instant t) {
        if (!at(t).people(round).contains(person)) {
            return Optional.empty();
        }
        Instant since = changeAtOrBefore(t);
        for (int i = 0; i < MAX_STEPS && since != Instant.MIN && at(since.minusNanos(1)).people(round).contains(person); i++) {
            since = changeAtOrBefore(since.minusNanos(1));
        }
        Instant until = changeAfter(t);
        for (int i = 0; i < MAX_STEPS && until != Instant.MAX && at(until).people(round).contains(person); i++) {
            until = changeAfter(until);
        }
        return Optional.of(new Span(since, until));
    }

    /** The first change after {@code t} where the set of people on call differs, and that set. */
    public Optional<Segment> next(Instant t) {
        OnCallSet now = at(t);
        Instant change = changeAfter(t);
        for (int i = 0; i < MAX_STEPS && change != Instant.MAX; i++) {
            OnCallSet then = at(change);
            if (!then.rounds().equals(now.rounds()) && !peopleOf(then).equals(peopleOf(now))) {
                return Optional.of(new Segment(change, changeAfter(change), then));
            }
            change = changeAfter(change);
        }
        return Optional.empty();
    }

    private static Map<Integer, List<String>> peopleOf(OnCallSet set) {
        Map<Integer, List<String>> people = new TreeMap<>();
        set.rounds().forEach((round, map) -> people.put(round, map.keySet().stream().sorted().toList()));
        return people;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
