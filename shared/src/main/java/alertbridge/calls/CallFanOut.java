package alertbridge.calls;

import alertbridge.concurrent.AllAtOnce;
import alertbridge.log.JsonLog;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Dials every callee at once ({@link AllAtOnce}): one virtual thread per callee, so all create requests are in flight
 * together and the fan-out takes one provider round trip, not one per callee. One callee's failure never stops the others.
 */
public final class CallFanOut {
    private static final JsonLog LOG = JsonLog.forComponent("fan-out");
    private final Dialer dialer;
    private final PickUp pickUp;

    /** @param pickUp what callees hear on answering, given with each call (or {@link PickUp#FETCH}) */
    public CallFanOut(Dialer dialer, PickUp pickUp) {
        this.dialer = dialer;
        this.pickUp = pickUp;
    }

    /**
     * The calls of one incident to {@code numbers}: answered at {@code /join_conference}, progress to
     * {@code /call_status}, and the alert given inline when {@link PickUp} renders it (once for all of them).
     *
     * @param message the alert as said
     */
    public List<DialRequest> requests(List<String> numbers, String incidentId, String message, CallbackUrls urls) {
        String answerUrl = urls.joinConference(incidentId);
        Optional<String> statusUrl = Optional.of(urls.callStatus(incidentId));
        Optional<String> twiml = pickUp.twiml(message, answerUrl);
        return numbers.stream().map(to -> new DialRequest(to, answerUrl, statusUrl, twiml)).toList();
    }

    /**
     * @param afterEach runs on the callee's own thread right after its dial, e.g. to record the call;
     *                  an exception it throws is logged and does not change that callee's result
     * @return one result per request, in request order
     */
    public List<DialResult> dialAll(List<DialRequest> requests, BiConsumer<DialRequest, DialResult> afterEach) {
        return AllAtOnce.map(requests, request -> {
            DialResult result = dialSafely(request);
            try {
                afterEach.accept(request, result);
            } catch (RuntimeException e) {
                // The call stands whatever happened after it; the step reports its own failures.
                LOG.error("after_dial_failed", "error", e.getClass().getSimpleName());
            }
            return result;
        }, CallFanOut::taskFailed);
    }

    private DialResult dialSafely(DialRequest request) {
        try {
            return dialer.dial(request);
        } catch (RuntimeException e) {
            return new DialResult.Failed(0, "dial failed: " + e.getClass().getSimpleName());
        }
    }

    private static DialResult taskFailed(Throwable e) {
        return e instanceof InterruptedException
                ? new DialResult.Failed(0, "interrupted")
                : new DialResult.Failed(0, "dial task failed: " + e.getClass().getSimpleName());
    }

    /** The numbers of {@code requests} whose call Twilio did not create ({@link DialResult.Failed}), in order. */
    public static List<String> notPlaced(List<DialRequest> requests, List<DialResult> results) {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (results.get(i) instanceof DialResult.Failed) {
                numbers.add(requests.get(i).to());
            }
        }
        return numbers;
    }
}
