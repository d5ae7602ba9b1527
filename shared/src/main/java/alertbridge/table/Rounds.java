package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.incident.Incident;
import alertbridge.incident.LaterCallee;
import alertbridge.incident.RoundState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An incident's rounds of calls, kept on its {@code META} item ({@code round}, {@code dialledRound},
 * {@code laterCallees}). Every change is a conditional update on the round number and the status, so duplicate and
 * late deliveries of the same step (SQS delivers at least once) change nothing the second time, and a resolved
 * incident never moves on.
 */
public final class Rounds {
    static final String ROUND = "round";
    static final String DIALLED_ROUND = "dialledRound";
    static final String LATER = "laterCallees";

    private final IncidentTable table;

    Rounds(IncidentTable table) {
        this.table = table;
    }

    /** The attributes a new incident starts its rounds with: round 1, already dialled. */
    static Map<String, AttributeValue> start(List<LaterCallee> later) {
        List<AttributeValue> callees = later.stream()
                .map(c -> AttributeValue.fromM(Map.of("to", s(c.to()), "fromRound", n(c.fromRound()))))
                .toList();
        return later.isEmpty() ? Map.of(ROUND, n(1), DIALLED_ROUND, n(1))
                : Map.of(ROUND, n(1), DIALLED_ROUND, n(1), LATER, AttributeValue.fromL(callees));
    }

    /** @return empty when there is no such incident, or it was stored before incidents had rounds */
    public Optional<RoundState> find(String incidentId) {
        return table.get(TableKeys.meta(incidentId)).filter(item -> item.containsKey(ROUND)).map(item -> new RoundState(
                MetaItems.incident(item),
                Integer.parseInt(item.get(ROUND).n()),
                Integer.parseInt(item.get(DIALLED_ROUND).n()),
                item.containsKey(LATER) ? item.get(LATER).l().stream()
                        .map(v -> new LaterCallee(v.m().get("to").s(), Integer.parseInt(v.m().get("fromRound").n())))
                        .toList() : List.of(),
                Optional.ofNullable(item.get("roundEndedAt")).map(v -> Instant.parse(v.s()))));
    }

    /**
     * Ends round {@code round} of an open incident and makes the next one current (not yet dialled).
     *
     * @return true if this call moved it on; false if the round had already ended or the incident is not open
     */
    public boolean advance(String incidentId, int round, Instant at) {
        return table.updateIf(TableKeys.meta(incidentId), "SET #round = :next, roundEndedAt = :at",
                "#round = :round AND #status = :open",
                Map.of("#round", ROUND, "#status", "status"),
                Map.of(":next", n(round + 1), ":round", n(round), ":open", s(Incident.OPEN), ":at", s(at.toString())));
    }

    /** Takes back an {@link #advance} to {@code round} whose DIAL could not be queued (so the step's retry advances again). */
    public void unadvance(String incidentId, int round) {
        table.updateIf(TableKeys.meta(incidentId), "SET #round = :previous",
                "#round = :round AND #dialled < :round AND #status = :open",
                Map.of("#round", ROUND, "#dialled", DIALLED_ROUND, "#status", "status"),
                Map.of(":previous", n(round - 1), ":round", n(round), ":open", s(Incident.OPEN)));
    }

    /**
     * Claims the dialling of round {@code round}, before any call of it is placed: of two deliveries exactly one wins.
     *
     * @return true if this caller should dial the round now
     */
    public boolean claimDial(String incidentId, int round) {
        return table.updateIf(TableKeys.meta(incidentId), "SET #dialled = :round",
                "#round = :round AND #dialled < :round AND #status = :open",
                Map.of("#round", ROUND, "#dialled", DIALLED_ROUND, "#status", "status"),
                Map.of(":round", n(round), ":open", s(Incident.OPEN)));
    }

    /**
     * Marks an open incident {@link Incident#UNANSWERED} after its last round ({@code round}) ended with nobody on the
     * bridge; it still takes joins and dial-ins.
     *
     * @return true if marked now
     */
    public boolean markUnanswered(String incidentId, int round, Instant at) {
        return table.updateIf(TableKeys.meta(incidentId), "SET #status = :unanswered, unansweredAt = :at",
                "#round = :round AND #status = :open",
                Map.of("#round", ROUND, "#status", "status"),
                Map.of(":unanswered", s(Incident.UNANSWERED), ":round", n(round), ":open", s(Incident.OPEN),
                        ":at", s(at.toString())));
    }
}
