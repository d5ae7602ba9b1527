package alertbridge.calls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The URLs of our routes that Twilio requests about an incident's calls, all under one public base. Twilio signs
 * the exact URL it requests, so every one of them is built here, the same way: base, route, {@code ?incident=} and
 * the form-encoded id (an id we issued is base64url, which encoding leaves as it is).
 *
 * @param publicBaseUrl the API's public base, e.g. {@code https://host/Prod}, without a trailing slash
 */
public record CallbackUrls(String publicBaseUrl) {
    public CallbackUrls {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    /** Where Twilio fetches TwiML when a callee answers, and again when they press a key. */
    public String joinConference(String incidentId) {
        return route("/join_conference", incidentId);
    }

    /** Where Twilio reports a call's progress (initiated, ringing, answered, completed). */
    public String callStatus(String incidentId) {
        return route("/call_status", incidentId);
    }

    /** Where Twilio reports the incident's bridge (start, end, join, leave). */
    public String conferenceEvents(String incidentId) {
        return route("/conference_events", incidentId);
    }

    /**
     * Where Twilio posts the key pressed by someone who dialled our number, with what they were offered
     * ({@code CallInOffer.value()}, form-encoded like an id).
     */
    public String callIn(String offered) {
        return publicBaseUrl + "/call_in?incidents=" + URLEncoder.encode(offered, StandardCharsets.UTF_8);
    }

    private String route(String path, String incidentId) {
        return publicBaseUrl + path + "?incident=" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8);
    }
}
