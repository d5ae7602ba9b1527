package alertbridge.handler;

import alertbridge.callevents.CallEventService;
import alertbridge.config.Settings;
import alertbridge.events.IncidentEvents;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.queue.SqsEventSink;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.refusal.Refusal;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.TwimlPriming;
import alertbridge.twilio.TwilioCallbacks;
import alertbridge.twilio.TwilioSignature;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's signed progress reports: POST /call_status?incident=ID (each call's status and duration) and POST
 * /conference_events?incident=ID (the bridge: start, end, join, leave). Unsigned or forged requests get 403 JSON and
 * record nothing; a signed one always gets TwiML (a refusal keeps its 4xx); a repeated report changes nothing.
 */
public final class CallEventsHandler extends PrimedHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("call-events-handler");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final String SAMPLE = "CallSid=CA" + "0".repeat(32) + "&CallStatus=completed";

    private final TwilioSignature signature;
    private final TwilioCallbacks callbacks;
    private final CallEventService service;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public CallEventsHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public CallEventsHandler(Clients clients) {
        super(clients);
        Settings settings = clients.settings();
        clients.parameters(List.of(settings.parameters().twilioAuthToken()));
        this.signature = clients.signature();
        this.callbacks = new TwilioCallbacks(Clock.systemUTC());
        var sqs = clients.sqsOnFirstSend(); // most requests send nothing to SQS
        this.service = new CallEventService(clients.store(), sqs == null ? Optional.empty() : SqsRoundQueue.timer(settings, sqs),
                new IncidentEvents(SqsEventSink.durable(settings, sqs, clients.store()), Clock.systemUTC()));
        this.publicBaseUrl = settings.publicBaseUrl();
        clients.primes(Priming.step("callbacks", () -> TwimlPriming.callbacks(callbacks)));
    }

    @Override // unsigned callbacks to both routes: 403 before anything is read or written
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("refused_call_status", () -> Priming.expect(403, handleRequest(Priming.unsignedWebhook("/call_status", SAMPLE), null))),
                Priming.step("refused_conference_event", () -> Priming.expect(403, handleRequest(Priming.unsignedWebhook("/conference_events", SAMPLE), null))));
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
            return SafeResponses.twiml(LOG, "callback", () -> {
                switch (request.path()) {
                    case "/call_status" -> service.callStatus(incidentId, callbacks.callEvent(params));
                    case "/conference_events" -> service.conferenceEvent(incidentId, callbacks.conferenceEvent(params));
                    default -> throw Refusal.notFound("not_found", "this function serves /call_status and /conference_events");
                }
                return ApiResponses.twiml(EMPTY_TWIML); // a 5xx below makes Twilio retry later: safe, reports are idempotent
            }, refusal -> ApiResponses.twiml(ApiResponses.status(refusal), EMPTY_TWIML), () -> ApiResponses.twiml(500, EMPTY_TWIML));
        });
    }
}
