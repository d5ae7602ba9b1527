package alertbridge.snapstart;

import alertbridge.callin.CallInDecision;
import alertbridge.callin.CallInOffer;
import alertbridge.calls.CallbackUrls;
import alertbridge.join.JoinDecision;
import alertbridge.twilio.CallInTwiml;
import alertbridge.twilio.JoinTwiml;
import java.util.List;
import java.util.Optional;

/** Twilio's webhooks read, and every TwiML they are answered with, for a sample incident (no request, nothing read). */
public final class TwimlPriming {
    private static final String BASE = "https://priming.execute-api.us-east-1.amazonaws.com/Prod";

    private TwimlPriming() {
    }

    /** A key press asked for, a bridge, an unknown incident, a hang-up, a technical problem. */
    public static void join(JoinTwiml twiml) {
        String action = BASE + "/join_conference?incident=SnapStartPriming000000";
        String events = BASE + "/conference_events?incident=SnapStartPriming000000";
        twiml.render(new JoinDecision.AskForKeypress("SnapStart priming"), action, events);
        twiml.render(new JoinDecision.Bridge("alertbridge-SnapStartPriming000000", Optional.of("SnapStart priming")), action, events);
        twiml.render(new JoinDecision.UnknownIncident(), action, events);
        twiml.hangUp();
        twiml.technicalProblem();
    }

    /** Twilio's progress reports read: a call's end, a conference participant joining. */
    public static void callbacks(alertbridge.twilio.TwilioCallbacks callbacks) {
        String call = "CA" + "0".repeat(32);
        callbacks.callEvent(java.util.Map.of("CallSid", call, "CallStatus", "completed", "To", "+15005550006",
                "CallDuration", "12", "Timestamp", "Sat, 14 Mar 2026 01:02:03 +0000", "SequenceNumber", "3"));
        callbacks.conferenceEvent(java.util.Map.of("ConferenceSid", "CF" + "0".repeat(32),
                "FriendlyName", "alertbridge-SnapStartPriming000000", "CallSid", call, "StatusCallbackEvent", "participant-join",
                "SequenceNumber", "1", "Timestamp", "Sat, 14 Mar 2026 01:02:03 +0000"));
    }

    /** The dial-in TwiML for an offer, a bridge and the refusals. */
    public static void callIn(CallInTwiml twiml) {
        CallbackUrls urls = new CallbackUrls(BASE);
        CallInOffer offer = new CallInOffer(List.of("SnapStartPriming000000", "SnapStartPriming000001"), 1);
        twiml.render(new CallInDecision.Offer(offer.incidentIds().stream()
                .map(id -> new CallInDecision.Choice(id, "SnapStart priming")).toList(), offer), urls);
        twiml.render(new CallInDecision.Bridge("SnapStartPriming000000", "alertbridge-SnapStartPriming000000"), urls);
        twiml.render(new CallInDecision.NotOnRoster(), urls);
        twiml.render(new CallInDecision.IncidentsUnavailable(), urls);
        twiml.hangUp();
    }
}
