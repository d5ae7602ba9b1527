package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.config.JitteredBackoff;
import alertbridge.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The open incident of each dedup key ({@code DEDUP#<key>} / {@code OPEN}, its own partition, so a repeat finds the
 * incident from the key alone): claimed before the incident is stored, released when it placed no call, resolved
 * (incident closed, key freed) when the tool says the alert is over.
 */
public final class DedupClaims {
    private final IncidentTable table;
    private final Incidents incidents;

    DedupClaims(IncidentTable table, Incidents incidents) {
        this.table = table;
        this.incidents = incidents;
    }

    /**
     * Claims a dedup key for a new incident, before the incident is created or anyone is dialled. The write is
     * conditional, so of two requests with the same key arriving together exactly one claims it. A key whose
     * incident is no longer open (resolved), whose claim expired, or whose incident was never created within
     * {@code abandonedAfter} (the claimer failed) is taken over.
     */
    public DedupClaim claim(String dedupKey, String incidentId, Instant now, Duration abandonedAfter) {
        ItemKey key = TableKeys.dedup(dedupKey);
        for (JitteredBackoff.Attempts attempts = JitteredBackoff.CONTENTION.attempts(); attempts.next(); ) {
            Map<String, AttributeValue> item = table.newItem(key, now);
            item.put("incidentId", s(incidentId));
            item.put("claimedAt", s(now.toString()));
            if (table.putIf(item, "attribute_not_exists(pk) OR expiresAt < :now", Map.of(":now", n(now.getEpochSecond())))) {
                return new DedupClaim.Claimed();
            }
            // someone holds the key: look at whom
            Optional<Map<String, AttributeValue>> current = table.get(key);
            if (current.isEmpty()) {
                continue; // resolved in between: try again
            }
            String holder = current.get().get("incidentId").s();
            if (holder.equals(incidentId)) {
                // our own put landed although its answer was lost (a timeout), and the SDK's retry found it
                return new DedupClaim.Claimed();
            }
            Optional<Map<String, AttributeValue>> meta = table.get(TableKeys.meta(holder));
            Optional<Incident> held = meta.map(MetaItems::incident);
            boolean stale = held.map(i -> !i.isOpen()).orElseGet(() ->
                    Instant.parse(current.get().get("claimedAt").s()).plus(abandonedAfter).isBefore(now));
            if (!stale) {
                return new DedupClaim.Held(holder, MetaItems.placedCalls(current.get()).or(() -> meta.flatMap(MetaItems::placedCalls)),
                        held.map(Incident::createdAt));
            }
            if (table.putIf(item, "incidentId = :holder", Map.of(":holder", s(holder)))) {
                return new DedupClaim.Claimed();
            }
            // another request took it over first: look again
        }
        throw new IllegalStateException("the dedup key kept changing hands");
    }

    /**
     * The claim of an alert that was dialled while the table was unavailable, written when the table is back (if the
     * key is free then): later repeats are deduplicated against its incident at once, as the claim says how many of
     * its calls were placed.
     */
    public void claimLater(String dedupKey, String incidentId, Instant now, int placedCalls) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.dedup(dedupKey), now);
        item.put("incidentId", s(incidentId));
        item.put("claimedAt", s(now.toString()));
        item.put("placedCalls", n(placedCalls));
        table.putIfAbsent(item);
    }

    /** Gives a dedup key up (the incident placed no call, or could not be created), if {@code incidentId} still holds it. */
    public void release(String dedupKey, String incidentId) {
        // false: held by another incident now, or already gone
        table.deleteIf(TableKeys.dedup(dedupKey), "incidentId = :id", Map.of(":id", s(incidentId)));
    }

    /**
     * Closes the open incident of a dedup key: marks it resolved and frees the key, so the next firing opens a new
     * incident. Repeating a resolve finds nothing to close.
     *
     * @return the incident closed now; empty when the key has no open incident
     */
    public Optional<String> resolve(String dedupKey, String resolvedBy, Instant at) {
        Optional<Map<String, AttributeValue>> claim = table.get(TableKeys.dedup(dedupKey));
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        String holder = claim.get().get("incidentId").s();
        boolean closed = incidents.close(holder, resolvedBy, at); // false: already resolved, or not (yet) stored
        if (!closed && incidents.find(holder).isEmpty()
                && !Instant.parse(claim.get().get("claimedAt").s()).plus(INCIDENT_WRITE_WAIT).isBefore(at)) {
            // the trigger that claimed the key has not stored its incident yet (its calls are going out): wait for
            // it briefly and close it, rather than free the key and leave that incident open for good
            closed = closeWhenStored(holder, resolvedBy, at);
        }
        release(dedupKey, holder);
        return closed ? Optional.of(holder) : Optional.empty();
    }

    /** How long a resolve waits for the incident of a fresh claim to be stored (it takes milliseconds). */
    static final java.time.Duration INCIDENT_WRITE_WAIT = java.time.Duration.ofSeconds(5);

    private boolean closeWhenStored(String incidentId, String resolvedBy, Instant at) {
        long deadline = System.nanoTime() + INCIDENT_WRITE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (incidents.find(incidentId).isPresent()) {
                return incidents.close(incidentId, resolvedBy, at);
            }
        }
        return false;
    }

    /** The incident holding a dedup key, if any (read consistently). */
    public Optional<String> holder(String dedupKey) {
        return table.get(TableKeys.dedup(dedupKey)).map(item -> item.get("incidentId").s());
    }
}
