package alertbridge.snapstart;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Twilio client whose HTTP client answers from memory: the SDK builds the request (form encoding, auth, the Apache
 * request object the real client would send) and parses a created call or message, but nothing leaves the process.
 * Priming dials and texts through it; no real call or SMS can ever be placed.
 */
final class OfflineTwilio extends HttpClient {
    static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    private final AtomicInteger requests = new AtomicInteger();

    static TwilioRestClient client(OfflineTwilio http) {
        return new TwilioRestClient.Builder(ACCOUNT_SID, "priming-only-token").httpClient(http).build();
    }

    /** How many requests were "sent" (all of them answered from memory). */
    int requests() {
        return requests.get();
    }

    @Override
    public Response makeRequest(Request request) {
        requests.incrementAndGet();
        HttpClient.createHttpUriRequestBase(request); // what the network client builds from it
        String sid = request.getUrl().contains("/Messages") ? "SM" : "CA";
        return new Response("{\"sid\":\"" + sid + "0".repeat(32) + "\",\"account_sid\":\"" + ACCOUNT_SID
                + "\",\"status\":\"queued\",\"to\":\"+15005550006\",\"from\":\"+15005550006\"}", 201);
    }
}
