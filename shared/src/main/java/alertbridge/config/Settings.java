package alertbridge.config;

import alertbridge.roster.RosterValue;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a function is configured with, from the environment variables template.yaml sets.
 * Secrets are not here: only the names of the SSM parameters that hold them.
 *
 * @param resolvedSms a resolve texts everyone who was called ({@code RESOLVED_SMS}, the {@code ResolvedSms} parameter)
 * @param topicTeams  the rosters the SNS topic's alarms phone ({@code TOPIC_TEAMS}, the {@code AlertTopicTeams} parameter)
 * @param roundsQueueUrl where round steps wait ({@code ROUNDS_QUEUE_URL}); empty: rounds are not scheduled
 * @param rounds      how an incident is re-dialled (MaxRounds, StopAfterJoined, RedialDelaySeconds, ...)
 * @param recordsQueueUrl where writes wait that the table could not take ({@code RECORDS_QUEUE_URL}); empty: they fail
 * @param callIn      whether roster members may dial our number to join ({@code CALL_IN}: {@code rosters} or {@code off})
 * @param inlineAnswerTwiml whether calls carry the alert's TwiML inline ({@code INLINE_ANSWER_TWIML}, default
 *                    {@code true}; no template parameter sets it): {@code false} has Twilio fetch it from
 *                    {@code /join_conference} at pick-up, as before; for comparisons (docs/benchmarks.md)
 * @param events      the outgoing incident events: their queue, destinations and SSM path
 * @param checkMinPeriod the shortest check-in period {@code PUT /checks} takes ({@code CHECK_MIN_PERIOD_SECONDS},
 *                    default 60 as the detector runs every minute; no template parameter sets it: the local runner's
 *                    detector runs every few seconds, so its tests use shorter periods)
 * @param links       the shareable incident links: how long they last, where their secret is
 * @param slack       the /oncall Slack command: its workspace and signing secret
 */
public record Settings(
        String tableName,
        Optional<String> defaultRegion,
        int maxCallees,
        int callTimeoutSeconds,
        Optional<String> publicBaseUrl,
        String sayVoice,
        String sayLanguage,
        boolean requireKeypress,
        Duration retention,
        ParameterNames parameters,
        Duration parameterCacheTtl,
        Optional<URI> twilioApiBase,
        GuardSettings guards,
        boolean resolvedSms,
        List<String> topicTeams,
        Optional<String> roundsQueueUrl,
        RoundSettings rounds,
        boolean callIn,
        Optional<String> recordsQueueUrl,
        boolean inlineAnswerTwiml,
        EventSettings events,
        Duration checkMinPeriod,
        LinkSettings links,
        SlackSettings slack) {

    /** SSM parameter names (full paths) of the secrets. */
    public record ParameterNames(String twilioAccountSid, String twilioAuthToken, String twilioCallerNumber, String alertTokens) {
        public List<String> all() {
            return List.of(twilioAccountSid, twilioAuthToken, twilioCallerNumber, alertTokens);
        }

        /** What placing calls and texts needs: the account SID, the auth token and our caller ID. */
        public List<String> twilio() {
            return List.of(twilioAccountSid, twilioAuthToken, twilioCallerNumber);
        }
    }

    public static Settings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                required(env, "TABLE_NAME"),
                optional(env, "DEFAULT_REGION"),
                integer(env, "MAX_CALLEES", 20, 1, 250),
                integer(env, "CALL_TIMEOUT_SECONDS", 30, 5, 600),
                optional(env, "PUBLIC_BASE_URL"),
                optional(env, "SAY_VOICE").orElse(""),
                optional(env, "SAY_LANGUAGE").orElse("en-US"),
                !optional(env, "REQUIRE_KEYPRESS").orElse("true").equalsIgnoreCase("false"),
                Duration.ofDays(integer(env, "RECORD_RETENTION_DAYS", 90, 1, 3650)),
                new ParameterNames(
                        required(env, "TWILIO_ACCOUNT_SID_PARAM"),
                        required(env, "TWILIO_AUTH_TOKEN_PARAM"),
                        required(env, "TWILIO_CALLER_NUMBER_PARAM"),
                        required(env, "ALERT_TOKENS_PARAM")),
                Duration.ofSeconds(integer(env, "PARAMETER_CACHE_SECONDS", 300, 0, 86400)),
                optional(env, "TWILIO_API_BASE_URL").map(URI::create),
                GuardSettings.fromEnvironment(env),
                optional(env, "RESOLVED_SMS").orElse("false").equalsIgnoreCase("true"),
                optional(env, "TOPIC_TEAMS").map(v -> java.util.Arrays.stream(v.split(","))
                        .map(String::strip).filter(t -> !t.isEmpty()).toList()).orElse(List.of()),
                optional(env, "ROUNDS_QUEUE_URL"),
                new RoundSettings(
                        integer(env, "MAX_ROUNDS", 3, 1, RosterValue.MAX_ROUND),
                        integer(env, "STOP_AFTER_JOINED", 1, 1, 250),
                        Duration.ofSeconds(integer(env, "REDIAL_DELAY_SECONDS", 60, 0, 900)),
                        flag(env, "CANCEL_RINGING_ON_STOP", false),
                        flag(env, "MISSED_CALL_SMS", true),
                        integer(env, "CALL_TIMEOUT_SECONDS", 30, 5, 600)),
                callIn(env),
                optional(env, "RECORDS_QUEUE_URL"),
                flag(env, "INLINE_ANSWER_TWIML", true),
                EventSettings.fromEnvironment(env),
                Duration.ofSeconds(integer(env, "CHECK_MIN_PERIOD_SECONDS", 60, 1, 60)),
                LinkSettings.fromEnvironment(env),
                SlackSettings.fromEnvironment(env, required(env, "ALERT_TOKENS_PARAM")));
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        return optional(env, name).map(v -> v.equalsIgnoreCase("true")).orElse(fallback);
    }

    /** {@code CALL_IN}: {@code rosters} (the default) or {@code off}; anything else is a mistake, named at start. */
    private static boolean callIn(Map<String, String> env) {
        String value = optional(env, "CALL_IN").orElse("rosters");
        if (value.equalsIgnoreCase("rosters") || value.equalsIgnoreCase("off")) {
            return value.equalsIgnoreCase("rosters");
        }
        throw new IllegalStateException("environment variable CALL_IN must be 'rosters' or 'off', got '" + value + "'");
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> raw = optional(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new IllegalStateException("environment variable " + name + " must be between " + min + " and " + max);
        }
        return value;
    }
}
