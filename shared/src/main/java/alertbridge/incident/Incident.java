package alertbridge.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert that phoned people. Its conference room is named from its id, never from a phone number.
 *
 * @param resolvedAt when a resolve for its dedup key closed it (status {@link #RESOLVED})
 * @param resolvedBy what closed it: the format and the tool's state ({@code alertmanager:resolved})
 */
public record Incident(String id, String message, Instant createdAt, String status, int calleeCount,
                       Optional<Instant> resolvedAt, Optional<String> resolvedBy) {
    public static final String OPEN = "open";
    /** Every round ended with nobody on the bridge; still open for joins and dial-ins, and for dedup. */
    public static final String UNANSWERED = "unanswered";
    public static final String RESOLVED = "resolved";

    public static Incident open(String id, String message, Instant createdAt, int calleeCount) {
        return new Incident(id, message, createdAt, OPEN, calleeCount, Optional.empty(), Optional.empty());
    }

    /** Not resolved: {@link #OPEN}, or {@link #UNANSWERED} (its rounds are over, but it still takes joins). */
    public boolean isOpen() {
        return OPEN.equals(status) || UNANSWERED.equals(status);
    }

    public String conferenceName() {
        return conferenceName(id);
    }

    public static String conferenceName(String incidentId) {
        return "alertbridge-" + incidentId;
    }
}
