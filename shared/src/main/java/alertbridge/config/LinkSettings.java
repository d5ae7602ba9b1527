package alertbridge.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Shareable incident links ({@link alertbridge.auth.IncidentLinks}, docs/security.md).
 *
 * @param lifetime   how long a link in a missed-call text or a Slack post stays valid ({@code INCIDENT_LINK_HOURS},
 *                   the {@code IncidentLinkHours} parameter, default 24); zero: no links are sent
 * @param secretName the SSM parameter holding the signing secret ({@code INCIDENT_LINK_SECRET_PARAM},
 *                   {@code <ParameterPath>/incident-link-secret}); empty: links are neither made nor accepted
 */
public record LinkSettings(Duration lifetime, Optional<String> secretName) {
    static LinkSettings fromEnvironment(Map<String, String> env) {
        return new LinkSettings(Duration.ofHours(Settings.integer(env, "INCIDENT_LINK_HOURS", 24, 0, 168)),
                Settings.optional(env, "INCIDENT_LINK_SECRET_PARAM"));
    }

    /** Whether links go out in texts and Slack posts (a secret must still be in SSM). */
    public boolean sent() {
        return !lifetime.isZero() && secretName.isPresent();
    }
}
