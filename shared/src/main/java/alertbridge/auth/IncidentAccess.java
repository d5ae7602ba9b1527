package alertbridge.auth;

import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may read incidents: the alert token opens every incident; without one, a shareable link
 * ({@link IncidentLinks}, header {@code X-Incident-Link}) opens the one incident it was signed for, and nothing else.
 */
public final class IncidentAccess {
    private static final JsonLog LOG = JsonLog.forComponent("incident-access");
    private final Supplier<AlertTokens> tokens;
    private final Optional<String> linkSecretName;
    private final Function<String, Optional<String>> find;
    private final Clock clock;

    /**
     * @param linkSecretName the SSM parameter holding the links' signing secret(s); empty: links are off
     * @param find           reads a parameter (cached)
     */
    public IncidentAccess(Supplier<AlertTokens> tokens, Optional<String> linkSecretName, Function<String, Optional<String>> find,
            Clock clock) {
        this.tokens = tokens;
        this.linkSecretName = linkSecretName;
        this.find = find;
        this.clock = clock;
    }

    /**
     * @param incidentId the one incident asked for; empty for a listing (which only the token opens)
     * @return whether a link (not the token) let the request in
     * @throws Refusal 401 when neither opens it
     */
    public boolean authorise(Optional<String> alertToken, Optional<String> linkHeader, Optional<String> incidentId) {
        Optional<String> link = linkHeader.map(String::strip).filter(v -> !v.isEmpty());
        if (alertToken.isPresent() || link.isEmpty()) {
            tokens.get().authorise(alertToken);
            return false;
        }
        if (incidentId.isEmpty()) {
            throw Refusal.unauthorised("link_not_for_listing", "an incident link opens only its own incident; list incidents with the alert token");
        }
        Optional<IncidentLinks> links = linkSecretName.flatMap(find).map(secret -> IncidentLinks.parse(secret, clock))
                .filter(l -> !l.isEmpty());
        if (links.isEmpty()) {
            LOG.warn("incident_link_secret_missing", "parameter", linkSecretName.orElse("(none)"));
            throw Refusal.unauthorised("link_invalid", "incident links are not enabled on this stack; open the page with the alert token");
        }
        links.get().authorise(link.get(), incidentId.get());
        return true;
    }
}
