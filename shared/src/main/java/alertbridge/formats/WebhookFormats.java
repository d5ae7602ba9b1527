package alertbridge.formats;

import static alertbridge.formats.JsonFields.text;

import alertbridge.refusal.Refusal;
import alertbridge.formats.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads an alert from any monitoring tool's webhook body: recognises the format from the JSON (or takes the one
 * named by a {@code format} query parameter) and turns it into an {@link InboundAlert} whose spoken message is in
 * the configured language. Pure: no I/O, no Lambda or Twilio types.
 */
public final class WebhookFormats {
    /**
     * Bodies larger than this are refused (413). Larger than the original 64 KiB: Alertmanager and Grafana send
     * whole groups (set {@code max_alerts} to keep them small).
     */
    public static final int MAX_BODY_CHARS = 512 * 1024;

    private final SpokenSummary speech;

    /**
     * @param language BCP-47 tag of what is said ({@code SayLanguage}): English, or Japanese for {@code ja*}
     */
    public WebhookFormats(String language) {
        this.speech = new SpokenSummary(language);
    }

    /**
     * Everything {@code /alert} accepts, read once: the original usage (form, query, or JSON of only {@code to},
     * {@code tels}, {@code team}, {@code message}) or a webhook of any tool, detected from its JSON or named by
     * {@code ?format=}; a webhook's recipients are those in its body followed by the URL's.
     *
     * @throws Refusal for anything the caller must fix
     */
    public InboundAlert read(AlertInput input) {
        Optional<String> formatName = input.firstQuery("format");
        if (formatName.isPresent()) {
            return withUrlRecipients(parse(input.body(), formatName), input);
        }
        String body = input.body().strip();
        boolean json = !body.isEmpty() && input.looksLikeJson();
        JsonNode root = null;
        if (json) {
            if (body.length() > OriginalFormat.MAX_BODY_CHARS) {
                return withUrlRecipients(parse(input.body(), Optional.empty()), input); // webhook bodies may be larger
            }
            try {
                root = JsonBody.readObject(body, OriginalFormat.JSON_EXAMPLE);
            } catch (Refusal malformed) {
                root = null; // the original usage's reading below says what is wrong with it
            }
            if (root != null && !OriginalFormat.isOriginal(root)) {
                return withUrlRecipients(parse(detect(root), root), input);
            }
        }
        if (input.body().length() > OriginalFormat.MAX_BODY_CHARS) {
            throw tooLarge(OriginalFormat.MAX_BODY_CHARS);
        }
        if (json) {
            return OriginalFormat.fromJson(root != null ? root : JsonBody.readObject(body, OriginalFormat.JSON_EXAMPLE), input);
        }
        if (!body.isEmpty() && !input.mediaType().isEmpty() && !input.mediaType().equals(AlertInput.FORM)) {
            throw Refusal.unsupported("unsupported_media_type",
                    "send application/x-www-form-urlencoded (curl --data) or application/json, not '" + input.mediaType() + "'");
        }
        return OriginalFormat.fromForm(input);
    }

    private static Refusal tooLarge(int maxChars) {
        return Refusal.tooLarge("body_too_large", "the body may be at most " + maxChars + " characters");
    }

    private static InboundAlert withUrlRecipients(InboundAlert alert, AlertInput input) {
        return alert.withRecipients(alert.recipients().plus(Recipients.fromFields(input.query())));
    }

    /**
     * A monitoring tool's webhook.
     *
     * @param body       the request body, a JSON object
     * @param formatName the {@code format} query parameter, when given: forces that format instead of detecting it
     * @throws Refusal 400 for malformed JSON, an unknown shape or format name, or a field of the wrong type;
     *                     413 for a body over {@link #MAX_BODY_CHARS}
     */
    public InboundAlert parse(String body, Optional<String> formatName) {
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw tooLarge(MAX_BODY_CHARS);
        }
        JsonNode root = readObject(body);
        Optional<Format> forced = formatName.filter(name -> !name.isBlank()).map(Format::named);
        return parse(forced.orElseGet(() -> detect(root)), root);
    }

    /**
     * One SNS message, as the SNS event source delivers it ({@code Records[].Sns.Message} and {@code .Subject}):
     * a CloudWatch alarm; otherwise JSON in any format above; otherwise plain text, said as written.
     *
     * @throws Refusal 400 when there is nothing to say, or the JSON is of no known shape
     */
    public InboundAlert parseSnsMessage(String message, Optional<String> subject) {
        String text = message == null ? "" : message.strip();
        if (text.startsWith("{")) {
            JsonNode root = readObject(text);
            return CloudWatchFormat.isAlarm(root) ? CloudWatchFormat.parse(root, speech) : parse(detect(root), root);
        }
        String said = subject.filter(s -> !s.isBlank()).map(s -> text.isEmpty() ? s : s.strip() + ". " + text).orElse(text);
        if (SpokenText.clean(said).isEmpty()) {
            throw Refusal.invalid("missing_message", "the SNS message has nothing that can be spoken");
        }
        return InboundAlert.of(Format.GENERIC, Action.TRIGGER, "sns", Optional.empty(),
                speech.verbatim(said, SpokenSummary.MAX_SPOKEN_CHARS), Recipients.NONE);
    }

    private InboundAlert parse(Format format, JsonNode root) {
        return switch (format) {
            case ORIGINAL -> throw new IllegalArgumentException("the original usage is read by read(AlertInput)");
            case ALERTMANAGER -> AlertGroupFormat.parse(Format.ALERTMANAGER, root, speech);
            case GRAFANA -> root.has("alerts") ? AlertGroupFormat.parse(Format.GRAFANA, root, speech)
                    : GrafanaLegacyFormat.parse(root, speech);
            case CLOUDWATCH -> cloudWatch(root);
            case DATADOG -> DatadogFormat.parse(root, speech);
            case PAGERDUTY -> PagerDutyFormat.parse(root, speech);
            case GENERIC -> GenericFormat.parse(root, speech);
        };
    }

    /** An SNS HTTP notification, a Lambda SNS event ({@code Records[]}), or the alarm JSON itself (raw delivery). */
    private InboundAlert cloudWatch(JsonNode root) {
        JsonNode sns = root.has("Records") ? root.path("Records").path(0).path("Sns") : root;
        String type = text(sns, "Type").orElse("");
        if (type.endsWith("SubscriptionConfirmation")) { // also UnsubscribeConfirmation
            throw Refusal.invalid("sns_subscription_not_supported", "alertbridge does not confirm SNS HTTP "
                    + "subscriptions: send CloudWatch alarms to the stack's SNS topic (output AlertTopicArn), "
                    + "which invokes the alert function directly");
        }
        if (sns.has("Message")) {
            return parseSnsMessage(text(sns, "Message").orElse(""), text(sns, "Subject"));
        }
        return CloudWatchFormat.parse(root, speech);
    }

    /**
     * @throws Refusal 400 {@code unknown_format} that lists the formats understood
     */
    static Format detect(JsonNode root) {
        if (CloudWatchFormat.isAlarm(root) || root.has("Records")
                || (root.has("Type") && (root.has("Message") || root.has("TopicArn")))) {
            return Format.CLOUDWATCH;
        }
        if (root.path("alerts").isArray()) {
            return root.has("orgId") || text(root, "version").filter("1"::equals).isPresent()
                    ? Format.GRAFANA : Format.ALERTMANAGER;
        }
        if (root.has("ruleName") || root.has("ruleId") || root.has("evalMatches")) {
            return Format.GRAFANA;
        }
        if (root.has("event_action") || root.has("routing_key")) {
            return Format.PAGERDUTY;
        }
        if (root.has("alert_transition") || root.has("alert_cycle_key")) {
            return Format.DATADOG;
        }
        if (root.has("message") || root.has("dedup_key") || root.has("dedupKey")) {
            return Format.GENERIC; // a generic resolve carries only its key and status
        }
        throw Refusal.invalid("unknown_format", "the JSON is not a format alertbridge understands: "
                + Format.understood() + ". Name one with ?format=" + String.join("|", Format.ids().split(", ")));
    }

    private static JsonNode readObject(String body) {
        return JsonBody.readObject(body, "{\"message\": \"...\"} or a monitoring tool's webhook body");
    }
}
