package alertbridge.testkit.twilio;

/**
 * Hears each step of a simulated call as it happens ({@code ringing}, {@code answered}, {@code pressed 1},
 * {@code joined bridge (2 on bridge)}, ...), and each text message sent ({@code text: <body>}, under the message's
 * sid), to tell a person watching. {@link Narrator} prints them.
 */
@FunctionalInterface
public interface CallNarration {
    /** Tells nobody. */
    CallNarration SILENT = (callSid, to, step) -> { };

    /**
     * @param to the person's number, unmasked (whoever shows it masks it): the number called, or for someone who
     *           dialled our number, theirs; for a text message, its recipient
     */
    void step(String callSid, String to, String step);
}
