package alertbridge.handler;

import alertbridge.callin.CallInDecision;
import alertbridge.callin.CallInOffer;
import alertbridge.callin.CallInService;
import alertbridge.callin.RosterMembership;
import alertbridge.calls.CallbackUrls;
import alertbridge.config.Settings;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.TwimlPriming;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneNumbers;
import alertbridge.twilio.CallInTwiml;
import alertbridge.twilio.TwilioCallbacks;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * POST /call_in: Twilio's webhook when someone dials our number, and again when they press a key (with
 * {@code ?incidents=}, what they were offered). {@link JoinConferenceHandler} checks the signature and hands the
 * request here; from then on, whatever happens, Twilio gets TwiML.
 */
final class CallInWebhook {
    static final String PATH = "/call_in";
    private static final JsonLog LOG = JsonLog.forComponent("call-in-handler");

    private final CallInService service;
    private final CallInTwiml twiml;

    CallInWebhook(Clients clients) {
        Settings settings = clients.settings();
        RosterMembership rosters = new RosterMembership(settings.guards().teamsPath(), clients.parameterSource(),
                phoneNumbers(settings), settings.parameterCacheTtl(), Clock.systemUTC());
        this.service = new CallInService(settings.callIn(), rosters, clients.store(), Clock.systemUTC());
        this.twiml = new CallInTwiml(settings.sayVoice(), settings.sayLanguage());
        clients.primes(Priming.step("call_in_twiml", () -> TwimlPriming.callIn(twiml)));
        clients.primes(Priming.step("phone_numbers", () -> alertbridge.snapstart.PrimingSteps.phoneNumbers(settings.defaultRegion())));
    }

    /** @param params the webhook's POST parameters, their signature checked */
    APIGatewayProxyResponseEvent answer(HttpRequest request, Map<String, String> params) {
        return SafeResponses.twiml(LOG, "call_in", () -> {
            CallInDecision decision = service.answer(TwilioCallbacks.callSid(params), params.getOrDefault("From", ""),
                    request.firstQuery("incidents").flatMap(CallInOffer::parse), Optional.ofNullable(params.get("Digits")));
            return ApiResponses.twiml(twiml.render(decision, new CallbackUrls(request.baseUrl())));
        }, refusal -> ApiResponses.twiml(twiml.hangUp()), () -> ApiResponses.twiml(twiml.technicalProblem()));
    }

    /** An unknown DefaultRegion must not keep key presses from joining: dial-ins then match E.164 roster entries only. */
    private static PhoneNumbers phoneNumbers(Settings settings) {
        try {
            return new PhoneNumbers(settings.defaultRegion());
        } catch (IllegalArgumentException e) {
            LOG.error("default_region_unknown", "detail", e.getMessage());
            return new PhoneNumbers(Optional.empty());
        }
    }
}
