package alertbridge.testkit.twilio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults a test injects into the {@link TwilioApiStandIn}, and what they do to a request: an outage of the whole
 * REST API ({@link TwilioApiStandIn.Outage}); for call creates only, HTTP 503 for the next few, a delay before every
 * answer, and a gate that holds each until enough are in flight together (the most in flight at once is counted).
 */
final class ApiFaults {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch overlapGate;
    private volatile int status5xxRemaining;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile TwilioApiStandIn.Outage outage = TwilioApiStandIn.Outage.OFF;

    void outage(TwilioApiStandIn.Outage outage) {
        this.outage = outage;
    }

    /** What the outage answers a request (after {@link TwilioApiStandIn#OUTAGE_DELAY} if it times out); empty: none. */
    Optional<TwilioReply> outageReply() {
        switch (outage) {
            case OFF -> {
                return Optional.empty();
            }
            case FIVE_XX -> {
            }
            case TIMEOUT -> {
                try {
                    Thread.sleep(TwilioApiStandIn.OUTAGE_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return Optional.of(unavailable());
    }

    void failNext(int n) {
        status5xxRemaining = n;
    }

    /** The 503 for a create while {@link #failNext} has some left (one fewer left); empty: none left. */
    Optional<TwilioReply> injectedFailure() {
        if (status5xxRemaining > 0) {
            status5xxRemaining--;
            return Optional.of(unavailable());
        }
        return Optional.empty();
    }

    void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    void holdUntilInFlight(int n) {
        overlapGate = new CountDownLatch(n);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** A create arrived: counted in flight until {@link #left}. */
    void arrived() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    /** Holds a create at the gate (at most 10 s), then for the response delay. */
    void hold() throws InterruptedException {
        CountDownLatch gate = overlapGate;
        if (gate != null) {
            gate.countDown();
            gate.await(10, TimeUnit.SECONDS);
        }
        Thread.sleep(responseDelay);
    }

    void left() {
        inFlight.decrementAndGet();
    }

    private static TwilioReply unavailable() {
        return new TwilioReply(503, TwilioReply.error(20503, "Service unavailable", 503));
    }
}
