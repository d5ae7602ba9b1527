package alertbridge.testing;

import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.table.IncidentStore;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a function gets in AWS, pointed at local stand-ins: environment variables as template.yaml
 * sets them (the table and the parameter path of a {@link LocalAws}), and the SSM values that events/ were made
 * with (events/README.md), written to moto's SSM and read back through the production {@link SsmParameterSource}.
 */
public final class SampleConfig {
    public static final String ALERT_TOKEN = "sample-alert-token";
    public static final String CALLER_NUMBER = "+15005550006";
    /** Rosters in SSM ({@code <path>/teams/<name>}); the db one has a broken entry. */
    public static final String SRE_ROSTER = "+818012345621, +818012345622";
    public static final String DB_ROSTER = "+818012345623,not-a-number";
    /** A roster Twilio refuses to call or text (the stand-in refuses numbers ending in 96). */
    public static final String REFUSED_ROSTER = "+818012345696";

    private SampleConfig() {
    }

    public static Map<String, String> environment(LocalAws aws, TwilioApiStandIn twilio) {
        String path = aws.parameterPath();
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", aws.tableName());
        env.put("TWILIO_ACCOUNT_SID_PARAM", path + "/twilio/account-sid");
        env.put("TWILIO_AUTH_TOKEN_PARAM", path + "/twilio/auth-token");
        env.put("TWILIO_CALLER_NUMBER_PARAM", path + "/twilio/caller-number");
        env.put("ALERT_TOKENS_PARAM", path + "/alert-tokens");
        env.put("TEAMS_PARAM_PATH", path + "/teams");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl().toString());
        return env;
    }

    public static Settings settings(LocalAws aws, TwilioApiStandIn twilio, Map<String, String> overrides) {
        return settings(aws, aws.tableName(), twilio, overrides);
    }

    /** Settings for another table of the same server (tests that want a fresh table per test). */
    public static Settings settings(LocalAws aws, String tableName, TwilioApiStandIn twilio, Map<String, String> overrides) {
        Map<String, String> env = environment(aws, twilio);
        env.put("TABLE_NAME", tableName);
        env.putAll(overrides);
        return Settings.fromEnvironment(env);
    }

    /**
     * Writes the sample parameters to moto's SSM under the fixture's path (the auth token as given, overwriting what
     * an earlier call wrote) and returns the production SSM reader over them.
     */
    public static ParameterSource parameters(LocalAws aws, String authToken) {
        aws.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, authToken, CALLER_NUMBER, "retired-token," + ALERT_TOKEN,
                Map.of("sre", SRE_ROSTER, "db", DB_ROSTER, "refused", REFUSED_ROSTER));
        return new SsmParameterSource(aws.ssm());
    }

    /** The incident table of the fixture, by item family, with the template's default retention. */
    public static IncidentStore store(LocalAws aws) {
        return new IncidentStore(aws.dynamo(), aws.tableName(), Duration.ofDays(90), java.util.Optional.empty());
    }
}
