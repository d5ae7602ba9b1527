package alertbridge.twilio;

import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.calls.Dialer;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places calls with the Twilio Calls API ({@code Call.creator(...).create(client)}).
 * HTTP 429 (too many concurrent requests) and 5xx are retried a bounded number of times with exponential
 * backoff and jitter; any other Twilio error (21211 invalid number, 21215 geo permission, ...) is final.
 * Connection failures are not retried: the request may have reached Twilio, and a second try could ring twice.
 */
public final class TwilioDialer implements Dialer {
    private final TwilioRestClient client;
    private final String callerNumber;
    private final int ringTimeoutSeconds;
    private final int maxAttempts;
    private final Duration baseBackoff;

    /**
     * @param ringTimeoutSeconds how long a phone rings before Twilio gives up ({@code Timeout})
     * @param maxAttempts        tries per call for 429/5xx answers, at least 1
     * @param baseBackoff        wait before the first retry; doubled each time, plus up to as much again of jitter
     */
    public TwilioDialer(TwilioRestClient client, String callerNumber, int ringTimeoutSeconds, int maxAttempts, Duration baseBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.client = client;
        this.callerNumber = callerNumber;
        this.ringTimeoutSeconds = ringTimeoutSeconds;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
    }

    @Override
    public DialResult dial(DialRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                CallCreator creator = Call.creator(new PhoneNumber(request.to()), new PhoneNumber(callerNumber),
                                URI.create(request.answerUrl()))
                        .setTimeout(ringTimeoutSeconds);
                request.statusCallbackUrl().ifPresent(creator::setStatusCallback);
                Call call = creator.create(client);
                return new DialResult.Placed(call.getSid(), call.getStatus() == null ? "queued" : call.getStatus().toString());
            } catch (ApiConnectionException e) {
                return new DialResult.Failed(0, "Twilio could not be reached");
            } catch (ApiException e) {
                int http = e.getStatusCode() == null ? 0 : e.getStatusCode();
                boolean retryable = http == 429 || http >= 500;
                if (retryable && attempt < maxAttempts) {
                    sleep(backoff(attempt));
                    continue;
                }
                int code = e.getCode() != null ? e.getCode() : http;
                return new DialResult.Failed(code, e.getMessage() == null ? "Twilio refused the call" : e.getMessage());
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = baseBackoff.toMillis() << (attempt - 1);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
