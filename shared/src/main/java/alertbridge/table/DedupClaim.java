package alertbridge.table;

import java.util.Optional;

/** The answer to {@link DedupClaims#claim}: this request opens the incident, or another one already holds the key. */
public sealed interface DedupClaim {
    record Claimed() implements DedupClaim {
    }

    /**
     * Another request holds the key for {@code incidentId}. {@code placedCalls} is known from the claim itself when it
     * was written after its calls went out (an alert dialled while the table was down): nothing is left to wait for.
     */
    record Held(String incidentId, Optional<Integer> placedCalls) implements DedupClaim {
    }
}
