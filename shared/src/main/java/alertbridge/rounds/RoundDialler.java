package alertbridge.rounds;

import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.guard.CalleeGuard;
import alertbridge.phone.PhoneNumbers.Rejected;
import alertbridge.table.DialRecorder;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.util.List;

/**
 * The one way a round's calls are placed, round 1 ({@code AlertService}) and every later round ({@link RoundEngine}):
 * the numbers the guards refused are recorded as failed attempts of the round, every allowed number is dialled at
 * once, each call is recorded with its round as its answer comes in, what must happen meanwhile (the round's
 * deadline, the incident's event) runs while the calls go out, and a call Twilio refused to create is given back to
 * the per-number rate guard (only accepted calls use up the hourly allowance).
 */
public final class RoundDialler {
    private final CallFanOut fanOut;
    private final CalleeGuard rate;
    private final IncidentStore store;
    private final Clock clock;

    public RoundDialler(CallFanOut fanOut, CalleeGuard rate, IncidentStore store, Clock clock) {
        this.fanOut = fanOut;
        this.rate = rate;
        this.store = store;
        this.clock = clock;
    }

    /** The calls requested and Twilio's answer to each, in the same order. */
    public record Dialled(List<DialRequest> dials, List<DialResult> results) {
    }

    /**
     * @param rateAsked whether the rate guard counted {@code allowed} (false when it could not be asked: nothing to give back)
     * @param meanwhile run on a virtual thread while the calls go out; this returns once it is done too
     */
    public Dialled dial(String incidentId, String message, int round, List<String> allowed, List<Rejected> refused,
                        CallbackUrls urls, boolean rateAsked, Runnable meanwhile) {
        Thread alongside = Thread.ofVirtual().start(meanwhile);
        List<DialRequest> dials = fanOut.requests(allowed, incidentId, message, urls);
        List<DialResult> results;
        try (DialRecorder records = new DialRecorder(store.callees(), incidentId, round, clock)) {
            refused.forEach(r -> records.record(r.to(), new DialResult.Failed(0, r.reason())));
            results = fanOut.dialAll(dials, (dial, result) -> records.record(dial.to(), result));
        }
        if (rateAsked) {
            rate.notPlaced(CallFanOut.notPlaced(dials, results));
        }
        try {
            alongside.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Dialled(dials, results);
    }
}
