package alertbridge.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The guards against toll fraud and unwanted calls (docs/security.md), from the environment variables template.yaml
 * sets on the alert function. Every one has a default, so functions that do not dial need none of them.
 *
 * @param allowedCountries         ISO 3166 regions that may be called ({@code ALLOWED_COUNTRIES}); empty allows all
 * @param maxCallsPerNumberPerHour how often one number may be dialled per clock hour, across incidents
 * @param allowAdHocNumbers        whether an alert may name raw numbers, or only teams ({@code team=sre})
 * @param teamsPath                SSM path of the rosters: {@code <teamsPath>/<team>} holds comma-separated numbers
 */
public record GuardSettings(Set<String> allowedCountries, int maxCallsPerNumberPerHour, boolean allowAdHocNumbers,
                            Optional<String> teamsPath) {
    public static final int DEFAULT_MAX_CALLS_PER_NUMBER_PER_HOUR = 6;

    public GuardSettings {
        allowedCountries = Set.copyOf(allowedCountries);
    }

    static GuardSettings fromEnvironment(Map<String, String> env) {
        return new GuardSettings(
                Settings.optional(env, "ALLOWED_COUNTRIES").map(GuardSettings::countries).orElse(Set.of()),
                Settings.integer(env, "MAX_CALLS_PER_NUMBER_PER_HOUR", DEFAULT_MAX_CALLS_PER_NUMBER_PER_HOUR, 1, 1000),
                !Settings.optional(env, "ALLOW_AD_HOC_NUMBERS").orElse("true").equalsIgnoreCase("false"),
                Settings.optional(env, "TEAMS_PARAM_PATH").map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p));
    }

    /** Comma-separated ISO regions, blanks ignored, upper-cased. */
    static Set<String> countries(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .map(c -> c.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
