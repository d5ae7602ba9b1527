package alertbridge.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Who is on call, in one line for chat and texts, times in the schedule's zone:
 * {@code sre on call: alice until 2027-01-10 00:00 JST (next: bob)}.
 */
public final class OnCallSentences {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

    private OnCallSentences() {
    }

    /** @param names a person's display name by id */
    public static String who(String team, Timeline timeline, Instant at, Function<String, String> names) {
        ZoneId zone = timeline.versionAt(at).zone();
        OnCallSet set = timeline.at(at);
        List<String> rounds = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, Boolean>> round : set.rounds().entrySet()) {
            List<String> people = round.getValue().keySet().stream().map(id -> names.apply(id)
                    + timeline.presence(round.getKey(), id, at).filter(s -> s.end() != Instant.MAX)
                    .map(s -> " until " + local(s.end(), zone)).orElse("")).toList();
            if (!people.isEmpty()) {
                rounds.add((set.rounds().size() > 1 ? "round " + round.getKey() + ": " : "") + String.join(", ", people));
            }
        }
        String now = rounds.isEmpty() ? "nobody (a gap: a page phones the whole roster)" : String.join("; ", rounds);
        String next = timeline.next(at).map(n -> " (next: " + String.join(", ", n.onCall().everyone().stream().map(names).toList())
                + (rounds.isEmpty() ? " at " + local(n.start(), zone) : "") + ")").orElse("");
        return team + " on call: " + now + next;
    }

    /** An instant as the schedule's people read it: {@code 2027-01-10 00:00 JST}. */
    public static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }
}
