package alertbridge.auth;

import alertbridge.refusal.Refusal;
import alertbridge.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The shared alert tokens. Several may be valid at once (a comma-separated SSM value), so a token
 * can be rotated without downtime: add the new one, move the callers, remove the old one.
 * Comparison is constant-time: both sides are hashed to a fixed length and compared with
 * {@link MessageDigest#isEqual}, and every configured token is compared on every request.
 */
public final class AlertTokens {
    private static final JsonLog LOG = JsonLog.forComponent("auth");
    private final List<byte[]> digests;

    private AlertTokens(List<byte[]> digests) {
        this.digests = digests;
    }

    /** Parses the SSM value: tokens separated by commas; blanks ignored. */
    public static AlertTokens parse(String commaSeparated) {
        return new AlertTokens(Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .map(AlertTokens::sha256)
                .toList());
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = sha256(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    /**
     * @param presented the token the caller sent, if any
     * @throws Refusal unauthorised unless it is one of the tokens
     */
    public void authorise(Optional<String> presented) {
        if (!presented.map(this::accepts).orElse(false)) {
            LOG.warn("unauthorized", "hadToken", presented.isPresent());
            throw Refusal.unauthorised("unauthorized",
                    "send a valid alert token as 'Authorization: Bearer <token>', an 'X-Alert-Token' header, or ?token=<token>");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
