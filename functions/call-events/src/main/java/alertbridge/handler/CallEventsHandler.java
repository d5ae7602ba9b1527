package alertbridge.handler;

import alertbridge.callevents.CallEventService;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.refusal.Refusal;
import alertbridge.http.HttpRequest;
import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.TwilioSignature;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Twilio's signed progress reports: POST /call_status?incident=ID (each call: initiated, ringing, answered,
 * completed with busy / no-answer / failed and the duration) and POST /conference_events?incident=ID (the bridge:
 * start, end, participant join and leave). Unsigned or forged requests get 403 and record nothing; a repeated
 * report changes nothing.
 */
public final class CallEventsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("call-events-handler");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioSignature signature;
    private final CallEventService service;
    private final Optional<String> publicBaseUrl;
    private final Clock clock;

    /** Lambda's constructor: real clients, built once per container. */
    public CallEventsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb());
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public CallEventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        this.signature = TwilioSignature.fromParameters(settings, parameterSource);
        this.service = new CallEventService(new IncidentStore(dynamo, settings.tableName(), settings.retention()));
        this.publicBaseUrl = settings.publicBaseUrl();
        this.clock = Clock.systemUTC();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            Map<String, String> params = signature.verifiedParams(request);
            String incidentId = request.firstQuery("incident").orElse("");
            switch (request.path()) {
                case "/call_status" -> service.callStatus(incidentId, new CallEvent(
                        required(params, "CallSid"),
                        params.getOrDefault("To", ""),
                        required(params, "CallStatus"),
                        timestamp(params),
                        sequence(params),
                        whole(params.get("CallDuration"))));
                case "/conference_events" -> service.conferenceEvent(incidentId, new ConferenceEvent(
                        required(params, "ConferenceSid"),
                        required(params, "StatusCallbackEvent"),
                        Optional.ofNullable(params.get("CallSid")).filter(s -> !s.isBlank()),
                        timestamp(params),
                        sequence(params)));
                default -> throw Refusal.notFound("not_found", "this function serves /call_status and /conference_events");
            }
            return ApiResponses.twiml(EMPTY_TWIML);
        } catch (Refusal e) {
            LOG.info("callback_refused", "status", ApiResponses.status(e), "error", e.code());
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            // A 5xx makes Twilio retry the callback later; the report is idempotent, so the retry is safe.
            LOG.error("callback_failed", "error", e.getClass().getName());
            return ApiResponses.error(500, "internal", "the callback could not be recorded; Twilio may retry it");
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("missing_" + name, "a Twilio callback to this URL carries " + name);
        }
        return value.strip();
    }

    /** Twilio's Timestamp (RFC 1123, "Mon, 23 Nov 2026 03:04:05 +0000"); our clock when absent or unreadable. */
    private Instant timestamp(Map<String, String> params) {
        String raw = params.get("Timestamp");
        if (raw != null && !raw.isBlank()) {
            try {
                return ZonedDateTime.parse(raw.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                LOG.warn("unreadable_timestamp", "length", raw.length());
            }
        }
        return clock.instant();
    }

    private static int sequence(Map<String, String> params) {
        return whole(params.get("SequenceNumber")).orElse(-1);
    }

    private static Optional<Integer> whole(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(raw.strip());
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
