package alertbridge.calls;

/** Sends one text message (SMS). Implementations must be safe to call from many threads at once. */
public interface TextSender {
    /**
     * @param to   the recipient in E.164 form, e.g. {@code +818012345601}
     * @param body the message text
     * @return what the provider said; never throws for provider errors or an unreachable provider
     */
    TextResult send(String to, String body);
}
