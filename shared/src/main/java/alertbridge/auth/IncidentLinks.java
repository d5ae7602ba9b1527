package alertbridge.auth;

import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shareable read-only links to one incident's page: {@code <base>/ui/incidents/<id>#link=<expiry>.<tag>}, where
 * {@code expiry} is the link's end in Unix seconds and {@code tag} the first 16 bytes (base64url, 22 characters) of
 * HMAC-SHA256(secret, {@code "alertbridge-incident-link/v1\n<id>\n<expiry>"}). The part after {@code #} never reaches a
 * server (nor logs, nor a Referer); the page sends it as {@code X-Incident-Link} with {@code GET /incidents/<id>}, the
 * one request it authorises (docs/security.md, "Shareable incident links").
 * <p>
 * The secret ({@code <ParameterPath>/incident-link-secret}, SecureString) may hold several values separated by commas:
 * the first signs, every one verifies, so it can be rotated as the alert tokens are. Verification compares the tag with
 * {@link MessageDigest#isEqual} against every secret, without stopping at a match.
 */
public final class IncidentLinks {
    /** The request header the page sends the link's {@code <expiry>.<tag>} in. */
    public static final String HEADER = "X-Incident-Link";
    /** The fragment key in a link: {@code #link=<expiry>.<tag>}. */
    public static final String FRAGMENT = "link";
    static final int TAG_BYTES = 16;
    private static final String DOMAIN = "alertbridge-incident-link/v1\n";
    private static final JsonLog LOG = JsonLog.forComponent("auth");

    private final List<byte[]> secrets;
    private final Clock clock;

    private IncidentLinks(List<byte[]> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @param commaSeparated the SSM value: secrets separated by commas, the first one signs; blanks ignored */
    public static IncidentLinks parse(String commaSeparated, Clock clock) {
        return new IncidentLinks(Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), clock);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * The link's fragment value {@code <expiry>.<tag>} for {@code incidentId}, valid for {@code lifetime} from now.
     *
     * @throws IllegalStateException when there is no secret to sign with
     */
    public String sign(String incidentId, Duration lifetime) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("no incident link secret");
        }
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag(secrets.getFirst(), incidentId, expiry));
    }

    /** The whole link: {@code <baseUrl>/ui/incidents/<id>#link=<expiry>.<tag>}. */
    public String url(String baseUrl, String incidentId, Duration lifetime) {
        return baseUrl + "/ui/incidents/" + incidentId + "#" + FRAGMENT + "=" + sign(incidentId, lifetime);
    }

    /**
     * Lets the request through only if {@code presented} is a link this stack signed for exactly {@code incidentId}
     * and it has not expired.
     *
     * @throws Refusal unauthorised: {@code link_invalid} (altered, another incident's, another stack's, malformed) or
     *                 {@code link_expired}
     */
    public void authorise(String presented, String incidentId) {
        String value = presented == null ? "" : presented.strip();
        int dot = value.indexOf('.');
        long expiry;
        byte[] tag;
        try {
            expiry = Long.parseLong(value.substring(0, Math.max(dot, 0)));
            tag = Base64.getUrlDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid("malformed");
        }
        if (!IncidentIds.isWellFormed(incidentId) || tag.length != TAG_BYTES || secrets.isEmpty()) {
            throw invalid(secrets.isEmpty() ? "no_secret" : "malformed");
        }
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(tag(secret, incidentId, expiry), tag);
        }
        if (!match) {
            throw invalid("mismatch");
        }
        Instant end = Instant.ofEpochSecond(expiry);
        if (!clock.instant().isBefore(end)) {
            LOG.info("incident_link_refused", "reason", "expired");
            throw Refusal.unauthorised("link_expired", "this incident link expired at " + end
                    + "; ask for a new one, or open the page with the alert token");
        }
    }

    private static Refusal invalid(String reason) {
        LOG.info("incident_link_refused", "reason", reason);
        return Refusal.unauthorised("link_invalid",
                "this incident link is not valid (altered, or made for another incident); open the page with the alert token");
    }

    private static byte[] tag(byte[] secret, String incidentId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal((DOMAIN + incidentId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always present", e);
        }
    }

    /**
     * Signs links where a message carries one (the missed-call text, Slack): empty when links are off
     * ({@code IncidentLinkHours=0}), the API's URL is unknown, or the secret is not in SSM.
     */
    public record Signer(Optional<String> baseUrl, Duration lifetime, java.util.function.Supplier<Optional<String>> secret,
                         Clock clock) {
        /** Never signs. */
        public static Signer none() {
            return new Signer(Optional.empty(), Duration.ZERO, Optional::empty, Clock.systemUTC());
        }

        /**
         * A function's signer: the API's public URL, {@code IncidentLinkHours}, and the secret read through
         * {@code find} (a {@link alertbridge.config.CachedParameters#find}: read on first use, kept, absence too).
         */
        public static Signer of(alertbridge.config.Settings settings, java.util.function.Function<String, Optional<String>> find,
                                Clock clock) {
            if (!settings.links().sent()) {
                return none();
            }
            String name = settings.links().secretName().orElseThrow();
            return new Signer(settings.publicBaseUrl(), settings.links().lifetime(), () -> find.apply(name), clock);
        }

        public Optional<String> link(String incidentId) {
            if (baseUrl.isEmpty() || lifetime.isZero() || !IncidentIds.isWellFormed(incidentId)) {
                return Optional.empty();
            }
            Optional<IncidentLinks> links;
            try {
                links = secret.get().map(s -> parse(s, clock)).filter(l -> !l.isEmpty());
            } catch (RuntimeException e) {
                LOG.warn("incident_link_secret_unreadable", "error", e.getClass().getSimpleName());
                return Optional.empty(); // a text or a Slack post still goes out, without the link
            }
            if (links.isEmpty()) {
                LOG.warn("incident_link_secret_missing");
                return Optional.empty();
            }
            return Optional.of(links.get().url(baseUrl.get(), incidentId, lifetime));
        }
    }
}
