package alertbridge.rounds;

import alertbridge.ids.IncidentIds;

/**
 * One step of an incident's rounds of calls, as queued for the engine ({@link RoundEngine}).
 *
 * @param round the round it is about; {@link Kind#CHECK} looks at whatever round is current
 */
public record RoundStep(String incidentId, int round, Kind kind) {
    public enum Kind {
        /** Place the calls of {@code round} (after the redial delay). */
        DIAL,
        /** {@code round}'s safety deadline: it ends now, whatever its calls are doing. */
        END,
        /** A call ended or someone joined the bridge: texts, the stop rule, and whether the current round is over. */
        CHECK
    }

    public RoundStep {
        if (!IncidentIds.isWellFormed(incidentId)) {
            throw new IllegalArgumentException("not an incident id");
        }
        if (round < 0 || round > 100) {
            throw new IllegalArgumentException("round out of range: " + round);
        }
    }

    public static RoundStep check(String incidentId) {
        return new RoundStep(incidentId, 0, Kind.CHECK);
    }
}
