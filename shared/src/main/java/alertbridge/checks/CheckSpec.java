package alertbridge.checks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a check is, as {@code PUT /checks/{name}} says it: its name, when its job is expected, how late it may be, and
 * whom to page (a team's roster, numbers, or both).
 */
public record CheckSpec(String name, Schedule schedule, Duration grace, Optional<String> team, List<String> to) {
    public static final Duration MAX_GRACE = Duration.ofDays(366);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    public static final int MAX_NUMBERS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public CheckSpec {
        if (!isName(name)) {
            throw new IllegalArgumentException("a check's name is 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("graceSeconds must be between 0 and " + MAX_GRACE.toSeconds());
        }
        team = team.map(String::strip).filter(t -> !t.isEmpty());
        if (team.isPresent() && !TEAM.matcher(team.get()).matches()) {
            throw new IllegalArgumentException("team must name a roster: 1-64 of A-Z a-z 0-9 . _ -");
        }
        to = List.copyOf(to);
        if (to.size() > MAX_NUMBERS) {
            throw new IllegalArgumentException("to takes at most " + MAX_NUMBERS + " numbers; page a team for more");
        }
        for (String number : to) {
            if (!E164.matcher(number).matches()) {
                throw new IllegalArgumentException("to: each number in E.164, such as +819012345678");
            }
        }
        if (team.isEmpty() && to.isEmpty()) {
            throw new IllegalArgumentException("say whom to page: \"team\" (a roster), \"to\" (numbers), or both");
        }
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
