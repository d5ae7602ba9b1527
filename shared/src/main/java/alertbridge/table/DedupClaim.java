package alertbridge.table;

import java.time.Instant;
import java.util.Optional;

/** The answer to {@link DedupClaims#claim}: this request opens the incident, or another one already holds the key. */
public sealed interface DedupClaim {
    record Claimed() implements DedupClaim {
    }

    /**
     * Another request holds the key for {@code incidentId}, as read with the claim: how many of its calls were placed
     * (empty while it is still placing them; known from the claim itself when it was written after its calls went out,
     * an alert dialled while the table was down) and when its incident was created (empty if not stored yet).
     */
    record Held(String incidentId, Optional<Integer> placedCalls, Optional<Instant> createdAt) implements DedupClaim {
    }
}
