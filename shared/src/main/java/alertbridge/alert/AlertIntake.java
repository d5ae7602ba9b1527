package alertbridge.alert;

import alertbridge.calls.CallbackUrls;
import alertbridge.formats.AlertInput;
import alertbridge.formats.InboundAlert;
import alertbridge.formats.Recipients;
import alertbridge.formats.WebhookFormats;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.refusal.Refusal;
import alertbridge.roster.Rosters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can raise an alert, turned into one decision: a request to {@code /alert} (the original usage or
 * any monitoring tool's webhook, read once by {@link WebhookFormats#read}) or a message on the SNS topic. An
 * {@code Idempotency-Key} makes any request a dedup key of its own.
 */
public final class AlertIntake {
    private static final JsonLog LOG = JsonLog.forComponent("alert-intake");
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;

    private final WebhookFormats formats;
    private final Rosters rosters;
    private final AlertService service;
    private final Optional<OnCallFirst> onCallFirst;

    /** @param onCallFirst when present, a page of one team with an on-call schedule phones whom it puts on call first */
    public AlertIntake(WebhookFormats formats, Rosters rosters, AlertService service, Optional<OnCallFirst> onCallFirst) {
        this.formats = formats;
        this.rosters = rosters;
        this.service = service;
        this.onCallFirst = onCallFirst;
    }

    /**
     * @param idempotencyKey the {@code Idempotency-Key} header, if sent
     * @param urls           below the API's public base: where Twilio fetches TwiML and reports progress
     * @throws Refusal for anything the caller must fix
     */
    public AlertResult handle(AlertInput input, Optional<String> idempotencyKey, CallbackUrls urls) {
        Optional<String> key = idempotencyKey(idempotencyKey);
        boolean everyone = input.lastQuery("scope").filter("all"::equalsIgnoreCase).isPresent();
        return act(formats.read(input), key, urls, everyone);
    }

    /**
     * A message published to the stack's SNS topic (a CloudWatch alarm, or any text): pages {@code teams}, the
     * rosters the topic is configured to call; {@code OK} resolves, {@code INSUFFICIENT_DATA} is ignored. SNS
     * delivers at least once, so a message without a dedup key of its own (plain text) is deduplicated by its
     * {@code messageId}.
     *
     * @throws Refusal when the message cannot page anyone (e.g. the roster is missing)
     */
    public AlertResult handleTopicMessage(String messageId, String message, Optional<String> subject, List<String> teams,
                                          CallbackUrls urls) {
        InboundAlert alert = formats.parseSnsMessage(message, subject).withRecipients(new Recipients(List.of(), teams));
        Optional<String> key = alert.dedupKey().or(() -> Optional.ofNullable(messageId).filter(id -> !id.isBlank())
                .map(id -> "sns-message:" + id));
        return act(alert, key, urls, false);
    }

    /** One message of the SNS topic, as its event delivers it. */
    public record TopicMessage(String messageId, String message, Optional<String> subject) {
    }

    /**
     * What one delivery of topic messages did: a line per message, and the codes of those that paged nobody (a
     * missing roster, no call placed, a broken message) so the caller can fail the delivery for a retry.
     */
    public record TopicDelivery(List<String> results, List<String> failures) {
    }

    /** Every message of one delivery, each with {@link #handleTopicMessage}; a refusal fails only its own message. */
    public TopicDelivery handleTopicMessages(List<TopicMessage> messages, List<String> teams, CallbackUrls urls) {
        List<String> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (TopicMessage m : messages) {
            try {
                AlertResult result = handleTopicMessage(m.messageId(), m.message(), m.subject(), teams, urls);
                if (result instanceof AlertResult.NotPlaced) {
                    failures.add("no_call_placed");
                } else if (result instanceof AlertResult.Opened opened && opened.outcome().calls().isEmpty()) {
                    failures.add("no_call_placed");
                    LOG.error("topic_alert_not_delivered", "messageId", m.messageId(), "incidentId",
                            opened.outcome().incidentId(), "error", "no_call_placed");
                }
                LOG.info("topic_message_handled", "messageId", m.messageId(), "result", summary(result));
                results.add(summary(result));
            } catch (Refusal e) { // logged with the reason and kept for the retries and the dead-letter queue
                LOG.error("topic_alert_refused", "messageId", m.messageId(), "error", e.code(),
                        "detail", PhoneMask.maskAll(e.detail()));
                failures.add(e.code());
            }
        }
        return new TopicDelivery(results, failures);
    }

    private static String summary(AlertResult result) {
        return switch (result) {
            case AlertResult.Opened o when o.outcome().calls().isEmpty() -> "no call placed: " + o.outcome().incidentId();
            case AlertResult.Opened o -> "opened " + o.outcome().incidentId() + " (" + o.outcome().calls().size() + " calls)";
            case AlertResult.Deduplicated d -> "deduplicated " + d.incidentId();
            case AlertResult.Resolved r -> r.incidentId().map(id -> "resolved " + id).orElse("nothing to resolve");
            case AlertResult.Ignored i -> "ignored: " + i.reason();
            case AlertResult.NotPlaced n -> "no call placed by an identical request: " + n.incidentId();
        };
    }

    private AlertResult act(InboundAlert alert, Optional<String> dedupKey, CallbackUrls urls, boolean everyone) {
        String source = alert.format().id() + ":" + alert.sourceState();
        return switch (alert.action()) {
            case IGNORE -> {
                LOG.info("alert_ignored", "format", alert.format().id(), "state", alert.sourceState());
                yield new AlertResult.Ignored("the " + alert.format().id() + " state '" + alert.sourceState()
                        + "' neither pages nor resolves");
            }
            // InboundAlert guarantees a key on every resolve
            case RESOLVE -> new AlertResult.Resolved(service.resolve(alert.dedupKey().orElseThrow(), source, alert.spokenMessage()));
            case TRIGGER -> {
                if (alert.recipients().isEmpty()) {
                    throw Refusal.invalid("missing_to", "say whom to call: ?team=<name> or ?to=+81...,+81... on"
                            + " the URL (or \"team\"/\"to\" in generic JSON)");
                }
                LOG.info("alert_received", "format", alert.format().id(), "state", alert.sourceState());
                yield page(alert.recipients(), alert.spokenMessage(), dedupKey.or(alert::dedupKey), urls, everyone);
            }
        };
    }

    /**
     * Pages {@code recipients} (rosters resolved, rounds and all) with {@code spokenMessage}, like any alert: what a
     * check-in that went down does ({@code alertbridge.checks}), deduplicated under its own key.
     *
     * @throws Refusal when nobody can be paged (a missing roster)
     */
    public AlertResult page(Recipients recipients, String spokenMessage, Optional<String> dedupKey, CallbackUrls urls) {
        return page(recipients, spokenMessage, dedupKey, urls, false);
    }

    /**
     * @param everyone {@code scope=all}: the whole roster at once, as without a schedule; otherwise a page of exactly
     *                 one team with an on-call schedule phones its on-call people first ({@link OnCallFirst})
     */
    public AlertResult page(Recipients recipients, String spokenMessage, Optional<String> dedupKey, CallbackUrls urls,
                            boolean everyone) {
        Rosters.Callees callees = rosters.callees(recipients);
        OnCallFirst.Routing routing = onCallFirst.filter(o -> !everyone && recipients.teams().size() == 1 && recipients.numbers().isEmpty())
                .map(o -> o.route(recipients.teams().getFirst(), callees.members()))
                .orElseGet(() -> new OnCallFirst.Routing(callees.members(), List.of(), Optional.empty()));
        AlertRequest request = new AlertRequest(routing.firstRound(), spokenMessage, routing.later(), callees.problems(),
                recipients.teams(), routing.onCall(), routing.schedule());
        return service.raise(request, dedupKey, urls);
    }

    /**
     * Whether {@code recipients} could be paged now: every team has a roster, raw numbers are allowed.
     *
     * @throws Refusal as {@link #page} would
     */
    public void verify(Recipients recipients) {
        rosters.callees(recipients);
    }

    /** Closes the open incident of {@code dedupKey}, as a resolving alert does ({@link AlertService#resolve}). */
    public Optional<String> resolve(String dedupKey, String resolvedBy, String said) {
        return service.resolve(dedupKey, resolvedBy, said);
    }

    private static Optional<String> idempotencyKey(Optional<String> header) {
        Optional<String> value = header.map(String::strip).filter(v -> !v.isEmpty());
        if (value.isPresent()) {
            String key = value.get();
            if (key.length() > MAX_IDEMPOTENCY_KEY_CHARS || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw Refusal.invalid("invalid_idempotency_key", "the Idempotency-Key header must be 1 to "
                        + MAX_IDEMPOTENCY_KEY_CHARS + " printable ASCII characters without spaces, e.g. a UUID");
            }
        }
        return value.map(v -> "idempotency:" + v);
    }
}
