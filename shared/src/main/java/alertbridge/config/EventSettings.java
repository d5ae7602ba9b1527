package alertbridge.config;

import java.util.Map;
import java.util.Optional;

/**
 * The outgoing incident events ({@code docs/integrations.md}).
 *
 * @param queueUrl      where events wait for delivery ({@code EVENTS_QUEUE_URL}); empty: no events
 * @param webhooks      the {@code EventWebhooks} parameter as given ({@code EVENT_WEBHOOKS}); empty: no events
 * @param parameterPath where {@code ssm:<name>} destinations and {@code signing-secret} live
 *                      ({@code EVENTS_PARAM_PATH}, {@code <ParameterPath>/events})
 */
public record EventSettings(Optional<String> queueUrl, String webhooks, String parameterPath) {
    public static final String SIGNING_SECRET = "signing-secret";

    static EventSettings fromEnvironment(Map<String, String> env) {
        return new EventSettings(Settings.optional(env, "EVENTS_QUEUE_URL"), Settings.optional(env, "EVENT_WEBHOOKS").orElse(""),
                Settings.optional(env, "EVENTS_PARAM_PATH").orElse("/alertbridge/events"));
    }

    /** The SSM name of the generic webhooks' signing secret. */
    public String signingSecretName() {
        return parameterPath + "/" + SIGNING_SECRET;
    }
}
