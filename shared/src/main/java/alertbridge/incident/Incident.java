package alertbridge.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One alert that phoned people. Its conference room is named from its id, never from a phone number.
 *
 * @param resolvedAt when a resolve for its dedup key closed it (status {@link #RESOLVED})
 * @param resolvedBy what closed it: the format and the tool's state ({@code alertmanager:resolved})
 * @param teams      the rosters it paged ({@code team=sre}); empty when it was given numbers only
 * @param onCall     whom the team's on-call schedule put on call when it was raised (person ids); empty without one
 */
public record Incident(String id, String message, Instant createdAt, String status, int calleeCount,
                       Optional<Instant> resolvedAt, Optional<String> resolvedBy, List<String> teams, List<String> onCall) {
    public static final String OPEN = "open";
    /** Every round ended with nobody on the bridge; still open for joins and dial-ins, and for dedup. */
    public static final String UNANSWERED = "unanswered";
    public static final String RESOLVED = "resolved";

    public Incident {
        teams = List.copyOf(teams);
        onCall = List.copyOf(onCall);
    }

    public static Incident open(String id, String message, Instant createdAt, int calleeCount) {
        return open(id, message, createdAt, calleeCount, List.of());
    }

    public static Incident open(String id, String message, Instant createdAt, int calleeCount, List<String> teams) {
        return open(id, message, createdAt, calleeCount, teams, List.of());
    }

    public static Incident open(String id, String message, Instant createdAt, int calleeCount, List<String> teams,
                                List<String> onCall) {
        return new Incident(id, message, createdAt, OPEN, calleeCount, Optional.empty(), Optional.empty(), teams, onCall);
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
