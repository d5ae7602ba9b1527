package alertbridge.twilio;

import alertbridge.calls.TextResult;
import alertbridge.calls.TextSender;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.util.function.Supplier;

/**
 * Sends text messages with the Twilio Messages API ({@code Message.creator(to, from, body).create(client)}).
 * <p>
 * Each message is sent exactly once, with no retry, not even for 429 or 5xx: a text is a courtesy next to the
 * phone call, not urgent, and a retry after an answer that never arrived could send it twice. (With a client
 * from {@link TwilioClients} the SDK's own 5xx retries are off too.) Errors are never thrown: a Twilio refusal
 * becomes {@link TextResult.Failed} with Twilio's error code (or the HTTP status without one); no answer at all
 * (refused connection, timeout) becomes {@code Failed(0, "Twilio could not be reached: ...")}.
 * <p>
 * A body longer than Twilio's limit of {@value #MAX_BODY_CHARS} characters is cut to that length, the last
 * character being "…", instead of being refused by Twilio (error 21617).
 */
public final class TwilioTexter implements TextSender {
    /** Twilio refuses longer bodies (error 21617). Counted in UTF-16 units, as {@link String#length()}. */
    public static final int MAX_BODY_CHARS = 1600;
    static final String ELLIPSIS = "…";

    private final Supplier<TwilioRestClient> client;
    private final Supplier<String> fromNumber;

    /**
     * @param client     the current client (rebuilt when the Twilio credentials in SSM rotate)
     * @param fromNumber the sending Twilio number in E.164 form
     */
    public TwilioTexter(Supplier<TwilioRestClient> client, Supplier<String> fromNumber) {
        this.client = client;
        this.fromNumber = fromNumber;
    }

    @Override
    public TextResult send(String to, String body) {
        try {
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(fromNumber.get()), fitted(body))
                    .create(client.get());
            return new TextResult.Sent(message.getSid(),
                    message.getStatus() == null ? "queued" : message.getStatus().toString());
        } catch (ApiConnectionException e) {
            return unreachable(e);
        } catch (ApiException e) {
            if (e.getStatusCode() == null) {
                // no HTTP answer (refused, timed out): the SDK wraps the I/O error without a status
                return unreachable(e);
            }
            int code = e.getCode() != null ? e.getCode() : e.getStatusCode();
            return new TextResult.Failed(code, e.getMessage() == null ? "Twilio refused the message" : e.getMessage());
        } catch (TwilioException e) {
            // e.g. an answer the SDK could not read: no Twilio code to report
            return new TextResult.Failed(0, "Twilio request failed: " + e.getMessage());
        }
    }

    /**
     * The body as sent: unchanged up to {@value #MAX_BODY_CHARS} characters, else cut so that with a trailing "…"
     * it is exactly that long (one shorter if the cut would split a surrogate pair). {@code null} stays
     * {@code null}: Twilio then refuses it (21602), which is reported, not thrown.
     */
    static String fitted(String body) {
        if (body == null || body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        int keep = MAX_BODY_CHARS - ELLIPSIS.length();
        if (Character.isHighSurrogate(body.charAt(keep - 1))) {
            keep--;
        }
        return body.substring(0, keep) + ELLIPSIS;
    }

    private static TextResult unreachable(TwilioException e) {
        return new TextResult.Failed(0, "Twilio could not be reached: " + e.getMessage());
    }
}
