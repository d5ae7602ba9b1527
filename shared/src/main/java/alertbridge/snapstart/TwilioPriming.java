package alertbridge.snapstart;

import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioDialer;
import alertbridge.twilio.TwilioTexter;
import com.twilio.http.TwilioRestClient;
import java.util.Optional;

/**
 * The Twilio SDK's create-call (with the alert inline, as every call is placed) and create-message paths through our
 * dialer and texter, answered from memory. A class of its own: functions that never call Twilio ship no SDK and never
 * load this.
 */
public final class TwilioPriming {
    private static final String NUMBER = "+15005550006";
    private static final String BASE = "https://priming.execute-api.us-east-1.amazonaws.com/Prod";

    private TwilioPriming() {
    }

    public static void twilioSdk() {
        OfflineTwilio http = new OfflineTwilio();
        TwilioRestClient client = OfflineTwilio.client(http);
        String answerUrl = BASE + "/join_conference?incident=SnapStartPriming000000";
        DialResult dialled = TwilioDialer.withRetries(() -> client, () -> NUMBER, 30).dial(new DialRequest(NUMBER, answerUrl,
                Optional.of(BASE + "/call_status?incident=SnapStartPriming000000"),
                JoinTwiml.pickUp("Polly.Joanna", "en-US", true).twiml("SnapStart priming.", answerUrl)));
        if (!(dialled instanceof DialResult.Placed)) {
            throw new IllegalStateException("priming dial: " + dialled);
        }
        new TwilioTexter(() -> client, () -> NUMBER).send(NUMBER, "SnapStart priming");
    }
}
