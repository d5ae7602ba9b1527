package alertbridge.table;

/** The answer to {@link DedupClaims#claim}: this request opens the incident, or another one already holds the key. */
public sealed interface DedupClaim {
    record Claimed() implements DedupClaim {
    }

    record Held(String incidentId) implements DedupClaim {
    }
}
