package alertbridge.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON body of {@code PUT /checks/{name}}, read into a {@link CheckSpec}; what is wrong is said in words. */
public final class CheckRequests {
    private static final Set<String> FIELDS = Set.of("periodSeconds", "cron", "tz", "graceSeconds", "team", "to");

    private CheckRequests() {
    }

    /** {@link #spec(String, Map, Duration)} with the deployed shortest period, {@link Schedule#MIN_PERIOD}. */
    public static CheckSpec spec(String name, Map<String, Object> body) {
        return spec(name, body, Schedule.MIN_PERIOD);
    }

    /**
     * @param body      the parsed JSON object
     * @param minPeriod the shortest {@code periodSeconds} taken (the local runner's detector runs every few seconds)
     * @throws IllegalArgumentException saying what to fix
     */
    public static CheckSpec spec(String name, Map<String, Object> body, Duration minPeriod) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\"; a check takes " + String.join(", ",
                        List.of("periodSeconds", "cron", "tz", "graceSeconds", "team", "to")));
            }
        }
        Object period = body.get("periodSeconds");
        Object cron = body.get("cron");
        if ((period == null) == (cron == null)) {
            throw new IllegalArgumentException("give either \"periodSeconds\" (e.g. 300) or \"cron\" (e.g. \"0 3 * * *\")"
                    + " with an optional \"tz\"");
        }
        if (period != null && body.get("tz") != null) {
            throw new IllegalArgumentException("\"tz\" goes with \"cron\"; a period needs no time zone");
        }
        if (period != null && (seconds(period, "periodSeconds") < minPeriod.toSeconds()
                || seconds(period, "periodSeconds") > Schedule.MAX_PERIOD.toSeconds())) {
            throw new IllegalArgumentException("periodSeconds must be between " + minPeriod.toSeconds() + " and "
                    + Schedule.MAX_PERIOD.toSeconds());
        }
        Schedule schedule = period != null
                ? new Schedule.Every(Duration.ofSeconds(seconds(period, "periodSeconds")))
                : Schedule.Cron.of(text(cron, "cron"), body.get("tz") == null ? "" : text(body.get("tz"), "tz"));
        Duration grace = body.get("graceSeconds") == null ? CheckSpec.DEFAULT_GRACE
                : Duration.ofSeconds(seconds(body.get("graceSeconds"), "graceSeconds"));
        Optional<String> team = Optional.ofNullable(body.get("team")).map(t -> text(t, "team"));
        return new CheckSpec(name, schedule, grace, team, numbers(body.get("to")));
    }

    private static long seconds(Object value, String field) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a whole number of seconds");
    }

    private static String text(Object value, String field) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }

    private static List<String> numbers(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> numbers = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    numbers.add(part.strip());
                }
            }
            return numbers;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                numbers.add(text(item, "to").strip());
            }
            return numbers;
        }
        throw new IllegalArgumentException("\"to\" must be a list of numbers such as [\"+819012345678\"]");
    }
}
