package alertbridge.calls;

import java.util.Optional;

/**
 * One outbound call to place.
 *
 * @param answerUrl         where Twilio fetches TwiML when the callee answers ({@code /join_conference?incident=ID})
 * @param statusCallbackUrl where Twilio posts call progress; the seam for call status tracking (empty until that lands)
 */
public record DialRequest(String to, String answerUrl, Optional<String> statusCallbackUrl) {
}
