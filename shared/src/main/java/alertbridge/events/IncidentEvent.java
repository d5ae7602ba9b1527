package alertbridge.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened to an incident that the team's other tools may want to hear of ({@code EventWebhooks}).
 * Its {@link #id} is derived from what happened (incident, type, round or call), never random: the same happening
 * produced twice (a retried callback, a repeated step) has the same id, so receivers dedup on it.
 *
 * @param round   {@code incident.escalated}: the round being dialled; {@code incident.unanswered}: rounds dialled
 * @param callSid {@code callee.joined}: the call that joined the bridge (who it was is read at delivery time)
 * @param detail  an event about no incident ({@code oncall.handoff}, {@code incidentId} empty): all it says, carried
 *                in the message itself
 */
public record IncidentEvent(String id, String type, String incidentId, Instant time, Optional<Integer> round,
                            Optional<String> callSid, Map<String, Object> detail) {
    public static final String HANDOFF = "oncall.handoff";

    public IncidentEvent {
        detail = Map.copyOf(detail);
    }

    public IncidentEvent(String id, String type, String incidentId, Instant time, Optional<Integer> round,
                         Optional<String> callSid) {
        this(id, type, incidentId, time, round, callSid, Map.of());
    }

    /**
     * Who is on call changed: {@code {team, at, from, to, until}} (person ids; {@code until} empty when open-ended),
     * with the Slack sentence ({@code slack}) to post for a Slack destination.
     */
    public static IncidentEvent handoff(String team, Instant at, List<String> from, List<String> to, Optional<Instant> until,
                                        String slack) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("team", team);
        detail.put("at", at.toString());
        detail.put("from", List.copyOf(from));
        detail.put("to", List.copyOf(to));
        detail.put("until", until.map(Instant::toString).orElse(""));
        detail.put("slack", slack);
        return new IncidentEvent(HANDOFF + "." + team + "." + at.toEpochMilli(), HANDOFF, "", at, Optional.empty(),
                Optional.empty(), detail);
    }
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
