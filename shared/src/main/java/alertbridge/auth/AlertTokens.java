package alertbridge.auth;

import alertbridge.http.ClientError;
import alertbridge.http.HttpRequest;
import alertbridge.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    public boolean accepts(HttpRequest request) {
        return presentedToken(request).map(this::accepts).orElse(false);
    }

    /** @throws ClientError 401 unless the request carries one of the tokens */
    public void authorise(HttpRequest request) {
        if (!accepts(request)) {
            LOG.warn("unauthorized", "path", request.path(), "hadToken", presentedToken(request).isPresent());
            throw new ClientError(401, "unauthorized",
                    "send a valid alert token as 'Authorization: Bearer <token>', an 'X-Alert-Token' header, or ?token=<token>");
        }
    }

    /** The token from {@code Authorization: Bearer}, {@code X-Alert-Token}, or the {@code token} query parameter. */
    public static Optional<String> presentedToken(HttpRequest request) {
        Optional<String> bearer = request.header("Authorization")
                .map(String::strip)
                .filter(v -> v.toLowerCase(Locale.ROOT).startsWith("bearer "))
                .map(v -> v.substring("bearer ".length()).strip());
        if (bearer.isPresent()) {
            return bearer;
        }
        Optional<String> header = request.header("X-Alert-Token").map(String::strip);
        if (header.isPresent()) {
            return header;
        }
        return request.firstQuery("token");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
