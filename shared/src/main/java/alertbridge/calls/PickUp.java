package alertbridge.calls;

import java.util.Optional;

/**
 * What a callee hears on picking up, given to Twilio with the call: then the first word needs no request to us (a
 * cold or slow function cannot delay it), and only the key press comes back to the answer URL. Rendered by the TwiML
 * code ({@code alertbridge.twilio.JoinTwiml#pickUp}); a plain string here.
 */
@FunctionalInterface
public interface PickUp {
    /** Nothing inline: Twilio fetches the answer URL when the callee answers. */
    PickUp FETCH = (message, answerUrl) -> Optional.empty();

    /**
     * @param message   the alert as said
     * @param answerUrl the call's answer URL, where the key press goes
     * @return the TwiML to give with the call; empty: Twilio fetches {@code answerUrl} (e.g. the alert is too long to
     *         go inline)
     */
    Optional<String> twiml(String message, String answerUrl);
}
