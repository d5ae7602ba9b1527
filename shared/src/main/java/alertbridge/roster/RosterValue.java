package alertbridge.roster;

import alertbridge.formats.Recipients;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One roster as stored in SSM ({@code <ParameterPath>/teams/<name>}): who is phoned from which round. Today's plain
 * comma list is round 1 for everyone; tiers added from a later round follow after {@code ;} (or a new line), each
 * marked {@code round<N>:}, for example
 * <pre>+818012345601,+818012345602; round2: +818012345603; round3: +818012345604</pre>
 * (the team from round 1, the lead from round 2, a manager from round 3). A part without a marker belongs to the tier
 * before it, so lists written with {@code ;} or one number per line, as before tiers, are still all round 1. Parsing
 * never fails: a part that cannot be read (an unknown marker such as {@code lead:}, a round outside
 * 1-{@value #MAX_ROUND}) is skipped and named in {@link #problems()}, so a broken tier never silences round 1.
 * Numbers are validated later, like any other number.
 *
 * @param members  everyone on the roster, in the order written, with the round they are first phoned in
 * @param problems what could not be read, in words (for logs and the alert's answer)
 */
public record RosterValue(List<Member> members, List<String> problems) {
    /** The highest round a tier can start in (MaxRounds' own limit). */
    public static final int MAX_ROUND = 10;
    private static final Pattern TIER = Pattern.compile("(?i)round\\s*(\\d{1,3})\\s*:(.*)", Pattern.DOTALL);

    /** A number (as written) and the round it is first phoned in. */
    public record Member(String number, int fromRound) {
        /** The numbers of {@code members} phoned from round 1. */
        public static List<String> firstRound(List<Member> members) {
            return members.stream().filter(m -> m.fromRound() == 1).map(Member::number).toList();
        }

        /** Those of {@code members} added from a later round. */
        public static List<Member> later(List<Member> members) {
            return members.stream().filter(m -> m.fromRound() > 1).toList();
        }
    }

    public RosterValue {
        members = List.copyOf(members);
        problems = List.copyOf(problems);
    }

    public static RosterValue parse(String value) {
        List<Member> members = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] parts = value == null ? new String[0] : value.split("[;\\n]");
        int round = 1;
        for (String raw : parts) {
            String part = raw.strip();
            Matcher marked = TIER.matcher(part);
            if (marked.matches()) {
                int from = Integer.parseInt(marked.group(1));
                if (from < 1 || from > MAX_ROUND) {
                    problems.add("'" + shortened(part) + "': a tier starts in round 1-" + MAX_ROUND + "; skipped");
                    round = -1; // what follows belongs to the broken tier: skipped with it
                    continue;
                }
                round = from;
                part = marked.group(2);
            } else if (part.contains(":")) {
                problems.add("'" + shortened(part) + "': a tier is marked round<N>: (e.g. 'round2: +81...'); skipped");
                round = -1;
                continue;
            }
            if (round < 0) {
                continue;
            }
            for (String number : Recipients.split(part, false)) {
                members.add(new Member(number, round));
            }
        }
        return new RosterValue(members, problems);
    }

    private static String shortened(String part) {
        return part.length() > 40 ? part.substring(0, 40) + "…" : part;
    }

    /** Every number on the roster, any tier, as written. */
    public List<String> numbers() {
        return members.stream().map(Member::number).toList();
    }
}
