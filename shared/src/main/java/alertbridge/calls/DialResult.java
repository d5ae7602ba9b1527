package alertbridge.calls;

/** What the telephony provider said when asked to place one call. */
public sealed interface DialResult {
    /** The provider accepted the call: it is queued and will ring. */
    record Placed(String callSid, String status) implements DialResult {
    }

    /**
     * The provider refused or could not be reached.
     *
     * @param code the provider's error code (e.g. Twilio 21215) or, without one, the HTTP status; 0 if no answer came
     */
    record Failed(int code, String message) implements DialResult {
    }
}
