package alertbridge.alert;

import alertbridge.formats.InboundAlert;
import alertbridge.formats.WebhookFormats;
import alertbridge.refusal.Refusal;
import alertbridge.http.HttpRequest;
import alertbridge.log.JsonLog;
import alertbridge.roster.Rosters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything POST /alert accepts, turned into one decision: the original usage (form, query, {@code {"to",
 * "team", "message"}} JSON) exactly as before, and any monitoring tool's webhook ({@link WebhookFormats}) with its dedup key,
 * resolve and ignored states. An {@code Idempotency-Key} header makes any request a dedup key of its own.
 */
public final class AlertIntake {
    private static final JsonLog LOG = JsonLog.forComponent("alert-intake");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields of the original JSON usage: a body with only these is read exactly as before. */
    private static final Set<String> ORIGINAL_JSON_FIELDS = Set.of("to", "tels", "team", "message");
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;

    private final AlertRequestParser parser;
    private final WebhookFormats formats;
    private final Rosters rosters;
    private final AlertService service;

    public AlertIntake(AlertRequestParser parser, WebhookFormats formats, Rosters rosters, AlertService service) {
        this.parser = parser;
        this.formats = formats;
        this.rosters = rosters;
        this.service = service;
    }

    /**
     * What a request to /alert did: an alert raised ({@link AlertService.Opened} or {@link AlertService.Deduplicated}),
     * a resolve, or an ignored state.
     */
    public sealed interface Result permits AlertService.Raised, Resolved, Ignored {
    }

    /** A resolve: {@code incidentId} is the incident closed now, absent when there was none open for the key. */
    public record Resolved(Optional<String> incidentId) implements Result {
    }

    /** A state that neither pages nor resolves. */
    public record Ignored(String reason) implements Result {
    }

    /**
     * @param publicBaseUrl the API's public base; Twilio fetches TwiML from below it
     * @throws Refusal 4xx for anything the caller must fix
     */
    public Result handle(HttpRequest request, String publicBaseUrl) {
        Optional<String> idempotencyKey = idempotencyKey(request);
        Optional<String> formatName = request.firstQuery("format").filter(f -> !f.isBlank());
        if (formatName.isEmpty() && !isWebhook(request)) {
            AlertRequest alert = rosters.resolve(parser.parse(request));
            return service.raise(alert, idempotencyKey, publicBaseUrl);
        }

        InboundAlert alert = formats.parse(request.body(), formatName);
        List<String> numbers = new ArrayList<>(alert.to());
        List<String> teams = new ArrayList<>(alert.teams());
        AlertRequestParser.addQueryRecipients(request, numbers, teams);
        return act(alert, numbers, teams, idempotencyKey, publicBaseUrl);
    }

    /**
     * A message published to the stack's SNS topic (a CloudWatch alarm, or any text): pages {@code teams}, the
     * rosters the topic is configured to call; {@code OK} resolves, {@code INSUFFICIENT_DATA} is ignored. SNS
     * delivers at least once, so a message without a dedup key of its own (plain text) is deduplicated by its
     * {@code messageId}.
     *
     * @throws Refusal when the message cannot page anyone (e.g. the roster is missing)
     */
    public Result handleTopicMessage(String messageId, String message, Optional<String> subject, List<String> teams,
                                     String publicBaseUrl) {
        InboundAlert alert = formats.parseSnsMessage(message, subject);
        Optional<String> key = alert.dedupKey().or(() -> Optional.ofNullable(messageId).filter(id -> !id.isBlank())
                .map(id -> "sns-message:" + id));
        return act(alert, List.of(), teams, key, publicBaseUrl);
    }

    private Result act(InboundAlert alert, List<String> numbers, List<String> teams, Optional<String> idempotencyKey,
                       String publicBaseUrl) {
        String source = alert.format().id() + ":" + alert.sourceState();
        return switch (alert.action()) {
            case IGNORE -> {
                LOG.info("alert_ignored", "format", alert.format().id(), "state", alert.sourceState());
                yield new Ignored("the " + alert.format().id() + " state '" + alert.sourceState()
                        + "' neither pages nor resolves");
            }
            // InboundAlert guarantees a key on every resolve
            case RESOLVE -> {
                Optional<String> closed = service.resolve(alert.dedupKey().orElseThrow(), source, alert.spokenMessage());
                yield new Resolved(closed);
            }
            case TRIGGER -> {
                if (numbers.isEmpty() && teams.isEmpty()) {
                    throw Refusal.invalid("missing_to", "say whom to call: ?team=<name> or ?to=+81...,+81... on"
                            + " the URL (or \"team\"/\"to\" in generic JSON)");
                }
                LOG.info("alert_received", "format", alert.format().id(), "state", alert.sourceState());
                String message = AlertRequestParser.speakable(alert.spokenMessage()).strip();
                AlertRequest resolved = rosters.resolve(new AlertRequest(numbers, message, teams));
                yield service.raise(resolved, idempotencyKey.or(alert::dedupKey), publicBaseUrl);
            }
        };
    }

    /** A JSON body other than the original {@code {"to", "tels", "team", "message"}} shape. */
    private static boolean isWebhook(HttpRequest request) {
        String body = request.body().strip();
        String type = request.mediaType();
        boolean json = type.contains("json") || (!type.equals("application/x-www-form-urlencoded") && body.startsWith("{"));
        if (!json || body.length() > AlertRequestParser.MAX_BODY_CHARS) {
            return json; // webhook bodies may be larger than the original usage's (WebhookFormats refuses > 512 KiB)
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            return false; // the original parser says what is wrong with it, as before
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!ORIGINAL_JSON_FIELDS.contains(names.next())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> idempotencyKey(HttpRequest request) {
        Optional<String> value = request.header(IDEMPOTENCY_HEADER).map(String::strip).filter(v -> !v.isEmpty());
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
