package alertbridge.metrics;

import alertbridge.incident.Incident;
import alertbridge.log.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each incident's numbers for the team's SLOs, as CloudWatch Embedded Metric Format lines in the function's log
 * (CloudWatch turns them into metrics; no API call, nothing on the phone path waits for it). Namespace
 * {@value #NAMESPACE}; every metric once without dimensions (all incidents) and once per team the alert named
 * ({@code Team}; {@value #NO_TEAM} for an alert given numbers only). docs/metrics.md says what each means.
 *
 * <ul>
 *   <li>{@code IncidentsOpened} (Count), {@code CalleesPaged} (Count): when round 1 is dialled.</li>
 *   <li>{@code TimeToFirstJoin} (Seconds), {@code RoundsToFirstJoin} (Count): when the first person reaches the
 *       bridge (the conference's own report), once per incident.</li>
 *   <li>{@code IncidentsUnanswered} (Count), {@code RoundsDialled} (Count): when the last round ends with nobody on
 *       the bridge.</li>
 *   <li>{@code IncidentsResolved} (Count), {@code TimeToResolve} (Seconds), {@code PeopleJoined} (Count),
 *       {@code ResolvedUnjoined} (Count: 1 when nobody had joined): when the monitoring tool resolves it.</li>
 * </ul>
 * EMF is delivered at least once: a repeated log line counts twice (rare; the state changes behind these are each
 * made once, by conditional writes).
 */
public final class IncidentMetrics {
    public static final String NAMESPACE = "alertbridge";
    public static final String NO_TEAM = "(numbers)";
    private static final JsonLog LOG = JsonLog.forComponent("metrics");

    /** One value: its CloudWatch name, unit and amount. */
    record Metric(String name, String unit, double value) {
        static Metric count(String name, double value) {
            return new Metric(name, "Count", value);
        }

        static Metric seconds(String name, Duration d) {
            return new Metric(name, "Seconds", d.toMillis() / 1000.0);
        }
    }

    public void opened(Incident incident, int callees, Instant at) {
        emit("metrics_opened", incident, at, List.of(Metric.count("IncidentsOpened", 1), Metric.count("CalleesPaged", callees)));
    }

    /** @param round the round being dialled when they joined (1: the first call reached someone) */
    public void firstJoin(Incident incident, Instant joinedAt, int round) {
        Duration wait = Duration.between(incident.createdAt(), joinedAt);
        emit("metrics_first_join", incident, joinedAt, List.of(Metric.seconds("TimeToFirstJoin", wait.isNegative() ? Duration.ZERO : wait),
                Metric.count("RoundsToFirstJoin", round)));
    }

    public void unanswered(Incident incident, int rounds, Instant at) {
        emit("metrics_unanswered", incident, at, List.of(Metric.count("IncidentsUnanswered", 1), Metric.count("RoundsDialled", rounds)));
    }

    public void resolved(Incident incident, int peopleJoined, Instant at) {
        Duration open = Duration.between(incident.createdAt(), at);
        emit("metrics_resolved", incident, at, List.of(Metric.count("IncidentsResolved", 1),
                Metric.seconds("TimeToResolve", open.isNegative() ? Duration.ZERO : open),
                Metric.count("PeopleJoined", peopleJoined), Metric.count("ResolvedUnjoined", peopleJoined == 0 ? 1 : 0)));
    }

    /** One line per team; only the first also carries the dimensionless set, so "all incidents" counts each once. */
    private static void emit(String event, Incident incident, Instant at, List<Metric> metrics) {
        List<String> teams = incident.teams().isEmpty() ? List.of(NO_TEAM) : incident.teams();
        List<Map<String, String>> definitions = metrics.stream().map(m -> Map.of("Name", m.name(), "Unit", m.unit())).toList();
        for (int i = 0; i < teams.size(); i++) {
            List<List<String>> dimensions = new ArrayList<>();
            dimensions.add(List.of("Team"));
            if (i == 0) {
                dimensions.add(List.of());
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("_aws", Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics",
                    List.of(Map.of("Namespace", NAMESPACE, "Dimensions", dimensions, "Metrics", definitions))));
            fields.put("Team", teams.get(i));
            fields.put("incidentId", incident.id());
            metrics.forEach(m -> fields.put(m.name(), m.value()));
            LOG.metrics(event, fields);
        }
    }
}
