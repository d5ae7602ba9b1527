package alertbridge.slack;

import alertbridge.events.EventSignature;
import alertbridge.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slack's request signature: {@code X-Slack-Signature} = {@code v0=} + hex HMAC-SHA256 of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}, keyed with the app's signing secret, compared in constant time. A
 * timestamp more than five minutes from now, either way, is a replay.
 */
public final class SlackSignature {
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private SlackSignature() {
    }

    /** @throws Refusal unauthorised when the signature is missing, wrong, or its timestamp too far from {@code now} */
    public static void verify(String secret, Optional<String> timestamp, Optional<String> signature, String body, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.orElse("").strip());
        } catch (NumberFormatException e) {
            throw refused("the X-Slack-Request-Timestamp header is missing or not a number");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw refused("the request's timestamp is more than 300 s from now (a replay, or a clock far off)");
        }
        String expected = sign(secret, seconds, body);
        byte[] given = signature.orElse("").strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
            throw refused("the X-Slack-Signature does not match the signing secret in SSM");
        }
    }

    /** What Slack sends for {@code body} at {@code seconds} (the local simulator signs with it). */
    public static String sign(String secret, long seconds, String body) {
        return "v0=" + EventSignature.hmacHex(secret, "v0:" + seconds + ":" + body);
    }

    private static Refusal refused(String detail) {
        return Refusal.unauthorised("invalid_slack_signature", detail);
    }
}
