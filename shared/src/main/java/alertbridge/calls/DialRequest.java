package alertbridge.calls;

import java.util.Optional;

/**
 * One outbound call to place.
 *
 * @param answerUrl         our TwiML for the answered call ({@code /join_conference?incident=ID}): Twilio fetches it
 *                          when the callee answers, unless {@code answerTwiml} is given
 * @param statusCallbackUrl where Twilio posts call progress (initiated, ringing, answered, completed)
 * @param answerTwiml       the TwiML to play on answer, given with the call (Twilio's {@code Twiml}), so nothing is
 *                          fetched before the callee hears it ({@link PickUp}); empty: Twilio fetches {@code answerUrl}
 */
public record DialRequest(String to, String answerUrl, Optional<String> statusCallbackUrl, Optional<String> answerTwiml) {
    /** A call whose TwiML Twilio fetches from {@code answerUrl} on answer. */
    public DialRequest(String to, String answerUrl, Optional<String> statusCallbackUrl) {
        this(to, answerUrl, statusCallbackUrl, Optional.empty());
    }
}
