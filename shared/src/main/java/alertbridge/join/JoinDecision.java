package alertbridge.join;

/** What to do with a callee who just answered (or just pressed a key). */
public sealed interface JoinDecision {
    /** The incident does not exist (or expired): say so and hang up. */
    record UnknownIncident() implements JoinDecision {
    }

    /** Read the alert and ask for a key press; a voicemail never presses one, so it never joins. */
    record AskForKeypress(String message) implements JoinDecision {
    }

    /**
     * Send the call into the incident's conference room.
     *
     * @param announcement the alert message to say first (when joining on answer, without a key press), else empty
     */
    record Bridge(String conferenceName, java.util.Optional<String> announcement) implements JoinDecision {
    }
}
