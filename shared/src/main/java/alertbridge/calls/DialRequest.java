package alertbridge.calls;

import java.util.Optional;

/**
 * One outbound call to place.
 *
 * @param answerUrl         where Twilio fetches TwiML when the callee answers ({@code /join_conference?incident=ID})
 * @param statusCallbackUrl where Twilio posts call progress (initiated, ringing, answered, completed)
 */
public record DialRequest(String to, String answerUrl, Optional<String> statusCallbackUrl) {
}
