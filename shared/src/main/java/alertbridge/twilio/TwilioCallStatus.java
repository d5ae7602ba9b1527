package alertbridge.twilio;

import alertbridge.calls.CallStatusLookup;
import alertbridge.log.JsonLog;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import java.util.Optional;
import java.util.function.Supplier;

/** A call's status now, from the Twilio Calls API ({@code Call.fetcher(sid)}: {@code GET .../Calls/{CallSid}.json}). */
public final class TwilioCallStatus implements CallStatusLookup {
    private static final JsonLog LOG = JsonLog.forComponent("twilio-call-status");
    private final Supplier<TwilioRestClient> client;

    public TwilioCallStatus(Supplier<TwilioRestClient> client) {
        this.client = client;
    }

    @Override
    public Optional<String> status(String callSid) {
        try {
            Call call = Call.fetcher(callSid).fetch(client.get());
            return Optional.ofNullable(call.getStatus()).map(Object::toString);
        } catch (TwilioException e) {
            LOG.warn("call_status_unknown", "callSid", callSid, "error", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
