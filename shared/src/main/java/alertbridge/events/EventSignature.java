package alertbridge.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhooks' signature header: {@code X-Alertbridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">}, keyed with the signing secret ({@code <ParameterPath>/events/signing-secret}). The time is signed
 * with the body, so a receiver can refuse a replay older than a few minutes (docs/integrations.md).
 */
public final class EventSignature {
    public static final String HEADER = "X-Alertbridge-Signature";

    private EventSignature() {
    }

    /** The header's value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
    }

    /** Hex HMAC-SHA256 of {@code message} keyed with {@code secret} (also Slack's request signatures). */
    public static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
