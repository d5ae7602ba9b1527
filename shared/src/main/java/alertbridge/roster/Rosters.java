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

    /**
     * @return the numbers to call: the teams' members (first), followed by the numbers named directly
     * @throws Refusal forbidden for raw numbers when they are not allowed; invalid naming every unknown or malformed team
     */
    public List<String> numbers(Recipients request) {
        if (!allowAdHocNumbers && !request.numbers().isEmpty()) {
            throw Refusal.forbidden("ad_hoc_numbers_refused",
                    "this alertbridge calls rosters only (AllowAdHocNumbers=false): name a team, team=<name>, instead of to=/tels=");
        }
        if (request.teams().isEmpty()) {
            return request.numbers();
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
        List<String> numbers = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String team : teams) {
            Optional<String> members = parameter.apply(teamsPath.get() + "/" + team);
            int before = numbers.size();
            numbers.addAll(Recipients.split(members.orElse(""), false));
            if (numbers.size() == before) {
                unknown.add(team);
            }
        }
        if (!unknown.isEmpty()) {
            throw Refusal.invalid("unknown_team", "no roster (or an empty one) named " + quoted(unknown)
                    + "; create the SSM parameter " + teamsPath.get() + "/<name> with comma-separated numbers");
        }
        numbers.addAll(request.numbers());
        return List.copyOf(numbers);
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + (n.length() > 64 ? n.substring(0, 64) + "…" : n) + "'").toList());
    }
}
