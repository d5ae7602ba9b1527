package alertbridge.formats;

import alertbridge.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An alert from any monitoring tool, normalised: what to do, how to recognise a repeat, what to say.
 *
 * @param format        the payload format it arrived in
 * @param action        page, resolve, or neither
 * @param sourceState   the tool's own word for the state ({@code firing}, {@code ALARM}, {@code Recovered},
 *                      {@code acknowledge} ...), for logs and responses; at most 40 characters
 * @param dedupKey      identifies the alert group across repeats, prefixed with the format id
 *                      ({@code alertmanager:{}:{alertname="X"}}); at most {@link #MAX_DEDUP_KEY_CHARS} characters
 *                      (longer keys are replaced by a SHA-256 of themselves); empty when the payload has none
 * @param spokenMessage one short sentence for the phone (no URLs, no JSON, always XML-safe), in the configured
 *                      language; for {@link Action#RESOLVE} a "Resolved: ..." sentence, usable in an SMS
 * @param recipients    whom the alert names: in the body (the original usage, generic JSON) and on the URL
 */
public record InboundAlert(Format format, Action action, String sourceState, Optional<String> dedupKey,
                           String spokenMessage, Recipients recipients) {
    /** DynamoDB allows 1 KiB sort keys and 2 KiB partition keys; this leaves room for a prefix. */
    public static final int MAX_DEDUP_KEY_CHARS = 256;

    /** The most characters a sender's own message may have (the original usage, generic JSON): longer is refused. */
    public static final int MAX_MESSAGE_CHARS = 1000;

    /** The same alert naming other people (the URL's as well, or the SNS topic's rosters instead). */
    public InboundAlert withRecipients(Recipients others) {
        return new InboundAlert(format, action, sourceState, dedupKey, spokenMessage, others);
    }

    /**
     * Prefixes the tool's key with the format, bounds it and the state.
     *
     * @throws Refusal 400 {@code missing_dedup_key} for a resolve that names no alert to close
     */
    static InboundAlert of(Format format, Action action, String sourceState, Optional<String> toolKey,
                           String spokenMessage, Recipients recipients) {
        Optional<String> key = toolKey.map(String::strip).filter(k -> !k.isEmpty()).map(k -> format.id() + ":" + k)
                .map(k -> k.length() <= MAX_DEDUP_KEY_CHARS ? k : format.id() + ":sha256:" + sha256(k));
        if (action == Action.RESOLVE && key.isEmpty()) {
            throw Refusal.invalid("missing_dedup_key", "a resolve must say which alert it closes: the "
                    + format.id() + " payload has no dedup key (" + keyFieldOf(format) + ")");
        }
        String state = SpokenText.bounded(SpokenText.clean(sourceState), 40);
        return new InboundAlert(format, action, state.isEmpty() ? "unknown" : state, key,
                SpokenText.speakable(spokenMessage).strip(), recipients);
    }

    private static String keyFieldOf(Format format) {
        return switch (format) {
            case ALERTMANAGER -> "groupKey";
            case GRAFANA -> "groupKey, or ruleId in the legacy format";
            case CLOUDWATCH -> "AlarmArn";
            case DATADOG -> "alert_cycle_key: $ALERT_CYCLE_KEY";
            case PAGERDUTY -> "dedup_key";
            case GENERIC -> "dedup_key";
            case ORIGINAL -> "Idempotency-Key header";
        };
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
