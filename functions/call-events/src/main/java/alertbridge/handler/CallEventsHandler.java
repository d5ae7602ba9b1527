package alertbridge.handler;

import alertbridge.callevents.CallEventService;
import alertbridge.config.AwsClients;
import alertbridge.config.LazySqsClient;
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
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
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
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Twilio's signed progress reports: POST /call_status?incident=ID (each call: initiated, ringing, answered,
 * completed with busy / no-answer / failed and the duration) and POST /conference_events?incident=ID (the bridge:
 * start, end, participant join and leave). Unsigned or forged requests get 403 JSON and record nothing; a signed
 * one always gets TwiML (a refusal keeps its 4xx status); a repeated report changes nothing.
 */
public final class CallEventsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    private static final JsonLog LOG = JsonLog.forComponent("call-events-handler");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    /** A call SID for priming's synthetic callbacks. */
    private static final String SAMPLE_CALL = "CA" + "0".repeat(32);

    private final TwilioSignature signature;
    private final TwilioCallbacks callbacks;
    private final CallEventService service;
    private final Optional<String> publicBaseUrl;
    private final Settings settings;

    /** Lambda's constructor: real clients, built once per container. */
    public CallEventsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(),
                LazySqsClient.onFirstUse(AwsClients::sqs)); // most requests send nothing to SQS
        Priming.register(this);
    }

    /** Without the rounds queue (a call's end never starts the next round): for tests of the callbacks alone. */
    public CallEventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        this(settings, parameterSource, dynamo, null);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public CallEventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.signature = TwilioSignature.fromParameters(settings, parameterSource);
        this.callbacks = new TwilioCallbacks(Clock.systemUTC());
        IncidentStore store = new IncidentStore(dynamo, settings.tableName(), settings.retention(), SqsWriteBehind.of(settings, sqs));
        this.service = new CallEventService(store, sqs == null ? Optional.empty() : SqsRoundQueue.timer(settings, sqs),
                new IncidentEvents(SqsEventSink.durable(settings, sqs, store), Clock.systemUTC()));
        this.publicBaseUrl = settings.publicBaseUrl();
        this.settings = settings;
    }

    /**
     * SnapStart, before the snapshot: the SDKs' and our own request paths without any effect outside the process
     * ({@link Priming}), Twilio's callbacks read, and this handler with unsigned callbacks to both of its routes
     * (403 before anything is read or written).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("CallEventsFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("sqs", SqsPriming::sqs),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("signature", PrimingSteps::signature),
                Priming.step("callbacks", this::readSampleCallbacks),
                Priming.step("refused_call_status", () -> Priming.expect(403, handleRequest(unsigned("/call_status"), null))),
                Priming.step("refused_conference_event", () -> Priming.expect(403, handleRequest(unsigned("/conference_events"), null))),
                Priming.step("auth_token", signature::refreshIfStale));
    }

    /** SnapStart, after a restore: fresh randomness, the auth token read again if held past its time. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("CallEventsFunction", Priming.step("auth_token", signature::refreshIfStale));
    }

    private static APIGatewayProxyRequestEvent unsigned(String path) {
        return Priming.apiRequest("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", Priming.unguessable()), "CallSid=" + SAMPLE_CALL + "&CallStatus=completed");
    }

    private void readSampleCallbacks() {
        callbacks.callEvent(Map.of("CallSid", SAMPLE_CALL, "CallStatus", "completed", "To", "+15005550006",
                "CallDuration", "12", "Timestamp", "Sat, 14 Mar 2026 01:02:03 +0000", "SequenceNumber", "3"));
        callbacks.conferenceEvent(Map.of("ConferenceSid", "CF" + "0".repeat(32), "FriendlyName", "alertbridge-SnapStartPriming000000",
                "CallSid", SAMPLE_CALL, "StatusCallbackEvent", "participant-join", "SequenceNumber", "1",
                "Timestamp", "Sat, 14 Mar 2026 01:02:03 +0000"));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
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
