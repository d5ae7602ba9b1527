package alertbridge.events;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to an incident that the team's other tools may want to hear of ({@code EventWebhooks}).
 * Its {@link #id} is derived from what happened (incident, type, round or call), never random: the same happening
 * produced twice (a retried callback, a repeated step) has the same id, so receivers dedup on it.
 *
 * @param round   {@code incident.escalated}: the round being dialled; {@code incident.unanswered}: rounds dialled
 * @param callSid {@code callee.joined}: the call that joined the bridge (who it was is read at delivery time)
 */
public record IncidentEvent(String id, String type, String incidentId, Instant time, Optional<Integer> round,
                            Optional<String> callSid) {
    public static final String OPENED = "incident.opened";
    public static final String JOINED = "callee.joined";
    public static final String ESCALATED = "incident.escalated";
    public static final String UNANSWERED = "incident.unanswered";
    public static final String RESOLVED = "incident.resolved";

    public static IncidentEvent opened(String incidentId, Instant at) {
        return new IncidentEvent(incidentId + "." + OPENED, OPENED, incidentId, at, Optional.empty(), Optional.empty());
    }

    public static IncidentEvent joined(String incidentId, String callSid, Instant at) {
        return new IncidentEvent(incidentId + "." + JOINED + "." + callSid, JOINED, incidentId, at, Optional.empty(),
                Optional.of(callSid));
    }

    public static IncidentEvent escalated(String incidentId, int round, Instant at) {
        return new IncidentEvent(incidentId + "." + ESCALATED + "." + round, ESCALATED, incidentId, at, Optional.of(round),
                Optional.empty());
    }

    public static IncidentEvent unanswered(String incidentId, int rounds, Instant at) {
        return new IncidentEvent(incidentId + "." + UNANSWERED, UNANSWERED, incidentId, at, Optional.of(rounds), Optional.empty());
    }

    public static IncidentEvent resolved(String incidentId, Instant at) {
        return new IncidentEvent(incidentId + "." + RESOLVED, RESOLVED, incidentId, at, Optional.empty(), Optional.empty());
    }
}
