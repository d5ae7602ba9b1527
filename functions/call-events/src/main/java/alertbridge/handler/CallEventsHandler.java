package alertbridge.handler;

import alertbridge.callevents.CallEventService;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.events.IncidentEvents;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.queue.SqsEventSink;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.refusal.Refusal;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.TwilioCallbacks;
import alertbridge.twilio.TwilioSignature;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Twilio's signed progress reports: POST /call_status?incident=ID (each call: initiated, ringing, answered,
 * completed with busy / no-answer / failed and the duration) and POST /conference_events?incident=ID (the bridge:
 * start, end, participant join and leave). Unsigned or forged requests get 403 JSON and record nothing; a signed
 * one always gets TwiML (a refusal keeps its 4xx status); a repeated report changes nothing.
 */
public final class CallEventsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("call-events-handler");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioSignature signature;
    private final TwilioCallbacks callbacks;
    private final CallEventService service;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public CallEventsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
    }

    /** Without the rounds queue (a call's end never starts the next round): for tests of the callbacks alone. */
    public CallEventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        this(settings, parameterSource, dynamo, null);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public CallEventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.signature = TwilioSignature.fromParameters(settings, parameterSource);
        this.callbacks = new TwilioCallbacks(Clock.systemUTC());
        this.service = new CallEventService(new IncidentStore(dynamo, settings.tableName(), settings.retention(),
                SqsWriteBehind.of(settings, sqs)),
                sqs == null ? Optional.empty() : SqsRoundQueue.timer(settings, sqs),
                new IncidentEvents(SqsEventSink.of(settings, sqs), Clock.systemUTC()));
        this.publicBaseUrl = settings.publicBaseUrl();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return SafeResponses.json(LOG, "callback", "the callback could not be read", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            Map<String, String> params = signature.verifiedParams(request);
            String incidentId = request.firstQuery("incident").orElse("");
            // A 5xx makes Twilio retry the callback later; the report is idempotent, so the retry is safe.
            return SafeResponses.twiml(LOG, "callback", () -> {
                switch (request.path()) {
                    case "/call_status" -> service.callStatus(incidentId, callbacks.callEvent(params));
                    case "/conference_events" -> service.conferenceEvent(incidentId, callbacks.conferenceEvent(params));
                    default -> throw Refusal.notFound("not_found", "this function serves /call_status and /conference_events");
                }
                return ApiResponses.twiml(EMPTY_TWIML);
            }, refusal -> ApiResponses.twiml(ApiResponses.status(refusal), EMPTY_TWIML), () -> ApiResponses.twiml(500, EMPTY_TWIML));
        });
    }
}
