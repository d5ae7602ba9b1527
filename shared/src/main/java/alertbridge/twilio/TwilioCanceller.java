package alertbridge.twilio;

import alertbridge.calls.CallCanceller;
import alertbridge.log.JsonLog;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import java.util.function.Supplier;

/**
 * Cancels ringing calls with the Twilio Calls API ({@code Call.updater(sid).setStatus(CANCELED)}): Twilio cancels a
 * call that is {@code queued} or {@code ringing} and refuses (21220) one already answered, which then goes on.
 */
public final class TwilioCanceller implements CallCanceller {
    private static final JsonLog LOG = JsonLog.forComponent("twilio-cancel");
    private final Supplier<TwilioRestClient> client;

    public TwilioCanceller(Supplier<TwilioRestClient> client) {
        this.client = client;
    }

    @Override
    public boolean cancel(String callSid) {
        try {
            Call.updater(callSid).setStatus(Call.UpdateStatus.CANCELED).update(client.get());
            return true;
        } catch (ApiException e) {
            LOG.info("call_not_cancelled", "callSid", callSid, "code", e.getCode() == null ? 0 : e.getCode());
            return false;
        } catch (TwilioException e) {
            LOG.warn("call_cancel_failed", "callSid", callSid, "error", e.getClass().getSimpleName());
            return false;
        }
    }
}
