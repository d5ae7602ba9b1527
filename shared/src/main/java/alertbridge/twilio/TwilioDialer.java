package alertbridge.twilio;

import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.calls.Dialer;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Places calls with the Twilio Calls API ({@code Call.creator(...).create(client)}): with the TwiML to play on answer
 * inline ({@code Twiml}) when the request carries it, else with the answer URL Twilio fetches it from ({@code Url}).
 * HTTP 429 (too many concurrent requests) and 5xx are retried a bounded number of times with exponential
 * backoff and jitter; any other Twilio error (21211 invalid number, 21215 geo permission, ...) is final.
 * Connection failures and timeouts are not retried: the request may have reached Twilio, and a second try could
 * ring twice. No retry starts once {@code retryBudget} has passed since the first try, so one callee's dial ends
 * within the budget plus one response timeout, inside the function's time limit.
 */
public final class TwilioDialer implements Dialer {
    /** Every call-progress event Twilio can report: "completed" carries busy / no-answer / failed and the duration. */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final Supplier<TwilioRestClient> client;
    private final Supplier<String> callerNumber;
    private final int ringTimeoutSeconds;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration retryBudget;

    /** Tries per call when Twilio answers 429 or 5xx. */
    static final int ATTEMPTS = 3;
    static final Duration BACKOFF = Duration.ofMillis(250);
    /** No retry starts later than this; with the 10 s response timeout a dial ends within 22 s (function limit 28 s). */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(12);

    /** The dialer every function that places calls uses (the alert, the topic, the rounds): {@link #ATTEMPTS} tries within {@link #RETRY_BUDGET}. */
    public static TwilioDialer withRetries(Supplier<TwilioRestClient> client, Supplier<String> callerNumber, int ringTimeoutSeconds) {
        return new TwilioDialer(client, callerNumber, ringTimeoutSeconds, ATTEMPTS, BACKOFF, RETRY_BUDGET);
    }

    /**
     * @param ringTimeoutSeconds how long a phone rings before Twilio gives up ({@code Timeout})
     * @param maxAttempts        tries per call for 429/5xx answers, at least 1
     * @param baseBackoff        wait before the first retry; doubled each time, plus up to as much again of jitter
     * @param retryBudget        no retry starts later than this after the first try
     * @param client             the current client (rebuilt when the Twilio credentials in SSM rotate)
     */
    public TwilioDialer(Supplier<TwilioRestClient> client, Supplier<String> callerNumber, int ringTimeoutSeconds,
                        int maxAttempts, Duration baseBackoff, Duration retryBudget) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.client = client;
        this.callerNumber = callerNumber;
        this.ringTimeoutSeconds = ringTimeoutSeconds;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.retryBudget = retryBudget;
    }

    @Override
    public DialResult dial(DialRequest request) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                PhoneNumber to = new PhoneNumber(request.to());
                PhoneNumber from = new PhoneNumber(callerNumber.get());
                // Twiml or Url, never both: given both, Twilio plays the Url (its warning 32019)
                CallCreator creator = (request.answerTwiml().isPresent()
                        ? Call.creator(to, from, new Twiml(request.answerTwiml().get()))
                        : Call.creator(to, from, URI.create(request.answerUrl())))
                        .setTimeout(ringTimeoutSeconds);
                request.statusCallbackUrl().ifPresent(url -> creator
                        .setStatusCallback(url)
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(STATUS_EVENTS));
                Call call = creator.create(client.get());
                return new DialResult.Placed(call.getSid(), call.getStatus() == null ? "queued" : call.getStatus().toString());
            } catch (ApiConnectionException e) {
                return new DialResult.Failed(0, "Twilio could not be reached: " + e.getMessage());
            } catch (ApiException e) {
                if (e.getStatusCode() == null) {
                    // no HTTP answer (refused, timed out): the SDK wraps the I/O error without a status
                    return new DialResult.Failed(0, "Twilio could not be reached: " + e.getMessage());
                }
                int http = e.getStatusCode();
                boolean retryable = http == 429 || http >= 500;
                Duration wait = backoff(attempt);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (retryable && attempt < maxAttempts && elapsed.plus(wait).compareTo(retryBudget) <= 0) {
                    sleep(wait);
                    continue;
                }
                int code = e.getCode() != null ? e.getCode() : http;
                return new DialResult.Failed(code, e.getMessage() == null ? "Twilio refused the call" : e.getMessage());
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = baseBackoff.toMillis() << (attempt - 1);
        return Duration.ofMillis(base + alertbridge.ids.Randomness.nextLong(base + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
