package alertbridge.testing;

import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a function gets in AWS, pointed at local stand-ins: environment variables as template.yaml
 * sets them, and the SSM values that events/ were made with (events/README.md).
 */
public final class SampleConfig {
    public static final String ALERT_TOKEN = "sample-alert-token";
    public static final String CALLER_NUMBER = "+15005550006";
    public static final String PATH = "/alertbridge-test";
    /** Rosters in SSM ({@code <path>/teams/<name>}); the db one has a broken entry. */
    public static final String SRE_ROSTER = "+818012345621, +818012345622";
    public static final String DB_ROSTER = "+818012345623,not-a-number";
    /** A roster Twilio refuses to call or text (the stand-in refuses numbers ending in 96). */
    public static final String REFUSED_ROSTER = "+818012345696";

    private SampleConfig() {
    }

    public static Map<String, String> environment(String tableName, TwilioApiStandIn twilio) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", tableName);
        env.put("TWILIO_ACCOUNT_SID_PARAM", PATH + "/twilio/account-sid");
        env.put("TWILIO_AUTH_TOKEN_PARAM", PATH + "/twilio/auth-token");
        env.put("TWILIO_CALLER_NUMBER_PARAM", PATH + "/twilio/caller-number");
        env.put("ALERT_TOKENS_PARAM", PATH + "/alert-tokens");
        env.put("TEAMS_PARAM_PATH", PATH + "/teams");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl().toString());
        return env;
    }

    public static Settings settings(String tableName, TwilioApiStandIn twilio, Map<String, String> overrides) {
        Map<String, String> env = environment(tableName, twilio);
        env.putAll(overrides);
        return Settings.fromEnvironment(env);
    }

    /** SSM as it would hold the secrets; a map, because no SSM runs here (the SSM client is the only real client not exercised). */
    public static ParameterSource parameters(String authToken) {
        Map<String, String> values = Map.of(
                PATH + "/twilio/account-sid", TwilioApiStandIn.ACCOUNT_SID,
                PATH + "/twilio/auth-token", authToken,
                PATH + "/twilio/caller-number", CALLER_NUMBER,
                PATH + "/alert-tokens", "retired-token," + ALERT_TOKEN,
                PATH + "/teams/sre", SRE_ROSTER,
                PATH + "/teams/db", DB_ROSTER,
                PATH + "/teams/refused", REFUSED_ROSTER);
        return names -> {
            Map<String, String> out = new HashMap<>();
            for (String name : names) {
                if (!values.containsKey(name)) {
                    throw new IllegalStateException("SSM parameters not found: [" + name + "]");
                }
                out.put(name, values.get(name));
            }
            return out;
        };
    }
}
