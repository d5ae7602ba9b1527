package alertbridge.handler;

import alertbridge.calls.CallbackUrls;
import alertbridge.config.Settings;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.join.JoinDecision;
import alertbridge.join.JoinService;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.TwimlPriming;
import alertbridge.twilio.JoinTwiml;
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
 * POST /join_conference?incident=ID: Twilio's webhook when a callee answers, and again when they press a key; and
 * POST /call_in, when someone dials our number ({@link CallInWebhook}). Only signed requests are served; any other gets 403.
 */
public final class JoinConferenceHandler extends PrimedHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("join-handler");
    private static final String SAMPLE = "CallSid=CA" + "0".repeat(32) + "&Digits=1&To=%2B15005550006";

    private final TwilioSignature signature;
    private final JoinService service;
    private final JoinTwiml twiml;
    private final CallInWebhook callIn;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public JoinConferenceHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public JoinConferenceHandler(Clients clients) {
        super(clients);
        Settings settings = clients.settings();
        clients.parameters(List.of(settings.parameters().twilioAuthToken()));
        this.signature = clients.signature();
        this.service = new JoinService(clients.store(), Clock.systemUTC(), settings.requireKeypress());
        this.twiml = new JoinTwiml(settings.sayVoice(), settings.sayLanguage());
        this.callIn = new CallInWebhook(clients);
        this.publicBaseUrl = settings.publicBaseUrl();
        clients.primes(Priming.step("twiml", () -> TwimlPriming.join(twiml)));
    }

    /** Unsigned requests to both routes: 403 before anything is read or written. */
    @Override
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("refused_join", () -> Priming.expect(403, handleRequest(Priming.unsignedWebhook("/join_conference", SAMPLE), null))),
                Priming.step("refused_call_in", () -> Priming.expect(403, handleRequest(Priming.unsignedWebhook(CallInWebhook.PATH, SAMPLE), null))));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        // not from Twilio (a forged or unsigned request): 403 JSON; anything we fail at: TwiML, since Twilio may be asking
        return SafeResponses.twiml(LOG, "join", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            Map<String, String> params = signature.verifiedParams(request);
            if (CallInWebhook.PATH.equals(request.path())) {
                return callIn.answer(request, params);
            }
            return SafeResponses.twiml(LOG, "join", () -> {
                String incidentId = request.firstQuery("incident").orElse("");
                JoinDecision decision = service.answer(incidentId, TwilioCallbacks.callSid(params),
                        params.getOrDefault("To", ""), Optional.ofNullable(params.get("Digits")));
                return ApiResponses.twiml(twiml.render(decision, request.publicUrl(),
                        new CallbackUrls(request.baseUrl()).conferenceEvents(incidentId)));
            }, refusal -> ApiResponses.twiml(twiml.hangUp()), () -> ApiResponses.twiml(twiml.technicalProblem()));
        }, ApiResponses::error, () -> ApiResponses.twiml(twiml.technicalProblem()));
    }
}
