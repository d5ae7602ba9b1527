package alertbridge.calls;

/** What the messaging provider said when asked to send one text message. */
public sealed interface TextResult {
    /** The provider accepted the message (e.g. status {@code queued}); delivery is reported later, if at all. */
    record Sent(String messageSid, String status) implements TextResult {
    }

    /**
     * The provider refused or could not be reached.
     *
     * @param code the provider's error code (e.g. Twilio 21408) or, without one, the HTTP status; 0 if no answer came
     */
    record Failed(int code, String message) implements TextResult {
    }
}
