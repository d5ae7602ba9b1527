package alertbridge.handler;

import alertbridge.callin.CallInDecision;
import alertbridge.callin.CallInOffer;
import alertbridge.callin.CallInService;
import alertbridge.callin.RosterMembership;
import alertbridge.calls.CallbackUrls;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneNumbers;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.CallInTwiml;
import alertbridge.twilio.TwilioCallbacks;
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

    CallInWebhook(Settings settings, ParameterSource parameterSource, IncidentStore store) {
        RosterMembership rosters = new RosterMembership(settings.guards().teamsPath(), parameterSource,
                phoneNumbers(settings), settings.parameterCacheTtl(), Clock.systemUTC());
        this.service = new CallInService(settings.callIn(), rosters, store, Clock.systemUTC());
        this.twiml = new CallInTwiml(settings.sayVoice(), settings.sayLanguage());
    }

    /** @param params the webhook's POST parameters, their signature checked */
    APIGatewayProxyResponseEvent answer(HttpRequest request, Map<String, String> params) {
        return SafeResponses.twiml(LOG, "call_in", () -> {
            CallInDecision decision = service.answer(TwilioCallbacks.callSid(params), params.getOrDefault("From", ""),
                    request.firstQuery("incidents").flatMap(CallInOffer::parse), Optional.ofNullable(params.get("Digits")));
            return ApiResponses.twiml(twiml.render(decision, new CallbackUrls(request.baseUrl())));
        }, refusal -> ApiResponses.twiml(twiml.hangUp()), () -> ApiResponses.twiml(twiml.technicalProblem()));
    }

    /** SnapStart priming: the dial-in TwiML for an offer, a bridge and a refusal (no request, nothing read). */
    void primeTwiml() {
        CallbackUrls urls = new CallbackUrls("https://priming.execute-api.us-east-1.amazonaws.com/Prod");
        alertbridge.callin.CallInOffer offer = new alertbridge.callin.CallInOffer(
                java.util.List.of("SnapStartPriming000000", "SnapStartPriming000001"), 1);
        twiml.render(new CallInDecision.Offer(offer.incidentIds().stream()
                .map(id -> new CallInDecision.Choice(id, "SnapStart priming")).toList(), offer), urls);
        twiml.render(new CallInDecision.Bridge("SnapStartPriming000000", "alertbridge-SnapStartPriming000000"), urls);
        twiml.render(new CallInDecision.NotOnRoster(), urls);
        twiml.render(new CallInDecision.IncidentsUnavailable(), urls);
        twiml.hangUp();
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
