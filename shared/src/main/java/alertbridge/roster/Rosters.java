package alertbridge.roster;

import alertbridge.formats.Recipients;
import alertbridge.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Named teams kept on the server side, so a webhook URL carries {@code team=sre} instead of phone numbers: SSM
 * parameters {@code <ParameterPath>/teams/<name>}, each a comma-separated list of numbers. With
 * {@code AllowAdHocNumbers=false} an alert may name only teams, so a leaked URL cannot make us dial a number of
 * the sender's choosing. Roster numbers go through the same validation and guards as any other number: a broken
 * entry is listed as rejected and never stops the rest of the team from being called.
 */
public final class Rosters {
    /** Team names are short and path-safe: a name can never reach outside {@code <path>/teams/}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Also path-safe, but reserved by SSM's path syntax. */
    private static final List<String> RESERVED = List.of(".", "..");
    static final int MAX_TEAMS = 10;

    private final Optional<String> teamsPath;
    private final Function<String, Optional<String>> parameter;
    private final boolean allowAdHocNumbers;

    /**
     * @param teamsPath         SSM path holding the rosters ({@code /alertbridge/teams}); empty when none are configured
     * @param parameter         reads one parameter by full name (cached), empty when it does not exist
     * @param allowAdHocNumbers false refuses raw numbers in a request
     */
    public Rosters(Optional<String> teamsPath, Function<String, Optional<String>> parameter, boolean allowAdHocNumbers) {
        this.teamsPath = teamsPath;
        this.parameter = parameter;
        this.allowAdHocNumbers = allowAdHocNumbers;
    }

    /** Whom a request names: roster members with the round each is first called in, and what of the rosters could not be read. */
    public record Callees(List<RosterValue.Member> members, List<String> problems) {
        public Callees {
            members = List.copyOf(members);
            problems = List.copyOf(problems);
        }

        /** Those phoned from round 1. */
        public List<String> firstRound() {
            return RosterValue.Member.firstRound(members);
        }

        /** Those added from a later round. */
        public List<RosterValue.Member> later() {
            return RosterValue.Member.later(members);
        }
    }

    /** @return every number to call, any round: {@link #callees}' members */
    public List<String> numbers(Recipients request) {
        return callees(request).members().stream().map(RosterValue.Member::number).toList();
    }

    /**
     * @return the teams' members (first, each with the round their tier starts in), followed by the numbers named
     *         directly (round 1). A team whose round-1 tier is empty or unreadable has its earliest tier called in round 1,
     *         so a broken tier never leaves a team silent.
     * @throws Refusal forbidden for raw numbers when they are not allowed; invalid naming every unknown or malformed team
     */
    public Callees callees(Recipients request) {
        if (!allowAdHocNumbers && !request.numbers().isEmpty()) {
            throw Refusal.forbidden("ad_hoc_numbers_refused",
                    "this alertbridge calls rosters only (AllowAdHocNumbers=false): name a team, team=<name>, instead of to=/tels=");
        }
        if (request.teams().isEmpty()) {
            return new Callees(request.numbers().stream().map(n -> new RosterValue.Member(n, 1)).toList(), List.of());
        }
        List<String> teams = request.teams().stream().distinct().toList();
        if (teams.size() > MAX_TEAMS) {
            throw Refusal.invalid("too_many_teams", "name at most " + MAX_TEAMS + " teams per alert");
        }
        List<String> malformed = teams.stream().filter(t -> !NAME.matcher(t).matches() || RESERVED.contains(t)).toList();
        if (!malformed.isEmpty()) {
            throw Refusal.invalid("invalid_team", "team names are 1-64 letters, digits, '.', '_' or '-': "
                    + quoted(malformed));
        }
        if (teamsPath.isEmpty()) {
            throw Refusal.invalid("unknown_team", "no rosters are configured here: " + quoted(teams));
        }
        List<RosterValue.Member> members = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String team : teams) {
            RosterValue roster = RosterValue.parse(parameter.apply(teamsPath.get() + "/" + team).orElse(""));
            roster.problems().forEach(p -> problems.add("roster '" + team + "': " + p));
            if (roster.members().isEmpty()) {
                unknown.add(team);
                continue;
            }
            int first = roster.members().stream().mapToInt(RosterValue.Member::fromRound).min().orElseThrow();
            roster.members().forEach(m -> members.add(m.fromRound() == first ? new RosterValue.Member(m.number(), 1) : m));
        }
        if (!unknown.isEmpty()) {
            throw Refusal.invalid("unknown_team", "no roster (or an empty one) named " + quoted(unknown)
                    + "; create the SSM parameter " + teamsPath.get() + "/<name> with comma-separated numbers");
        }
        request.numbers().forEach(n -> members.add(new RosterValue.Member(n, 1)));
        return new Callees(members, problems);
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + (n.length() > 64 ? n.substring(0, 64) + "…" : n) + "'").toList());
    }
}
