package alertbridge.alert;

import alertbridge.log.JsonLog;
import alertbridge.table.DedupClaim;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One alert per dedup key (the {@code DEDUP#} claims), for {@link AlertService}: who pages, what a repeat is told, and
 * what the claim learns afterwards. Failures to write the bookkeeping are logged, never thrown: they cannot undo a page.
 */
final class DedupGate {
    /** The alert's component: these lines belong to the alert that writes them. */
    private static final JsonLog LOG = JsonLog.forComponent("alert");

    private final IncidentStore store;
    private final Clock clock;

    DedupGate(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A claim whose incident never appeared for this long is taken over (its request failed midway). */
    static final Duration ABANDONED_CLAIM = Duration.ofSeconds(60);

    /** How long a repeat waits for the request holding its dedup key to learn whether any call was placed. */
    static final Duration HOLDER_WAIT = Duration.ofSeconds(10);

    /**
     * Claims the key for this request (then null: go on and page), or answers a repeat. A repeat is deduplicated only
     * against an incident whose calls are out; while the holder is still placing them the repeat waits (at most
     * {@link #HOLDER_WAIT}, then it is deduplicated: the holder is still at work). If the holder placed no call, the
     * repeat hears so ({@link AlertResult.NotPlaced}). A repeat that waited for that outcome shares it; one that came
     * after it is a sender's retry ({@code retry} true): the caller then dials again in that same incident if it wins
     * {@link #claimRedial}. So a sender is never told "deduplicated" when nobody was phoned, identical requests that
     * come while one is dialling never ring a refused number again, and a sender's retries all belong to one incident.
     */
    AlertResult claimOrAwaitHolder(String dedupKey, String incidentId) {
        long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
        long pause = 50;
        boolean waited = false;
        while (true) {
            DedupClaim claim = store.dedup().claim(dedupKey, incidentId, clock.instant(), ABANDONED_CLAIM);
            if (!(claim instanceof DedupClaim.Held held)) {
                return null;
            }
            Optional<Integer> placed = held.placedCalls();
            if (placed.isPresent()) {
                return placed.get() > 0 ? new AlertResult.Deduplicated(held.incidentId())
                        : new AlertResult.NotPlaced(held.incidentId(), !waited);
            }
            // an incident older than any holder, never marked dialled, is not waited for (asked at the first look)
            boolean old = !waited && held.createdAt().map(c -> c.plus(ABANDONED_CLAIM).isBefore(clock.instant())).orElse(false);
            if (old || System.nanoTime() > deadline) {
                return new AlertResult.Deduplicated(held.incidentId());
            }
            // the holder is still placing its calls: wait for its outcome (backing off to a second, so that fifty
            // waiters make two requests a second each at most and leave the table to the holder they wait for)
            try {
                Thread.sleep(pause + alertbridge.ids.Randomness.nextLong(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AlertResult.Deduplicated(held.incidentId());
            }
            waited = true;
            pause = Math.min(pause * 2, 1000);
        }
    }

    /** Whether this request dials the incident again (its every call was refused); false also when that cannot be said. */
    boolean claimRedial(String incidentId) {
        try {
            return store.incidents().claimRedial(incidentId);
        } catch (RuntimeException e) {
            LOG.warn("redial_not_claimed", "incidentId", incidentId, "error", e.getClass().getSimpleName());
            return false;
        }
    }

    void markDialled(String incidentId, int placed) {
        try {
            store.incidents().markDialled(incidentId, placed);
        } catch (RuntimeException e) {
            // a repeat then waits up to HOLDER_WAIT before it is deduplicated: slower, never wrong
            LOG.warn("dialled_not_marked", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }

    void deferClaim(String dedupKey, String incidentId, Instant now, int placed) {
        try {
            store.dedup().claimLater(dedupKey, incidentId, now, placed);
        } catch (RuntimeException e) {
            LOG.error("dedup_claim_not_deferred", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }

    void release(String dedupKey, String incidentId) {
        try {
            store.dedup().release(dedupKey, incidentId);
        } catch (RuntimeException e) {
            LOG.error("dedup_release_failed", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }
}
