package alertbridge.table;

import static alertbridge.table.TableKeys.CREATED_AT;
import static alertbridge.table.TableKeys.PK;
import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.LaterCallee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The incidents ({@code INCIDENT#<id>} / {@code META}): stored once, found, closed, listed newest first a page at a time. */
public final class Incidents {
    private final IncidentTable table;

    Incidents(IncidentTable table) {
        this.table = table;
    }

    /**
     * Stores a new incident; fails if the id already exists (ids are random, so this never happens by chance).
     *
     * @throws ConditionalCheckFailedException when the id exists
     */
    public void create(Incident incident) {
        create(incident, List.of());
    }

    /**
     * Stores a new incident whose round 1 is being dialled, with who joins the calls from a later round.
     *
     * @throws ConditionalCheckFailedException when the id exists
     */
    public void create(Incident incident, List<LaterCallee> later) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.meta(incident.id()), incident.createdAt());
        item.put("incidentId", s(incident.id()));
        item.put("message", s(incident.message()));
        item.put("status", s(incident.status()));
        item.put("conference", s(incident.conferenceName()));
        item.put("calleeCount", n(incident.calleeCount()));
        if (!incident.teams().isEmpty()) {
            item.put("teams", AttributeValue.fromL(incident.teams().stream().map(TableKeys::s).toList()));
        }
        if (!incident.onCall().isEmpty()) {
            item.put("onCall", AttributeValue.fromL(incident.onCall().stream().map(TableKeys::s).toList()));
        }
        item.putAll(TableKeys.listing(incident.createdAt()));
        item.putAll(Rounds.start(later));
        table.putNew(item);
        if (!incident.onCall().isEmpty() && incident.teams().size() == 1) { // the hours report's pages and joins
            Map<String, AttributeValue> page = table.newItem(TableKeys.teamPage(incident.teams().getFirst(),
                    incident.createdAt(), incident.id()), incident.createdAt());
            page.put("incidentId", s(incident.id()));
            page.put("at", s(incident.createdAt().toString()));
            page.put("onCall", AttributeValue.fromL(incident.onCall().stream().map(TableKeys::s).toList()));
            table.put(page);
        }
    }

    /**
     * Records when the first person reached the bridge ({@code firstJoinAt}), once: of concurrent or repeated reports
     * exactly one gets true, so the time to first join is counted once per incident.
     */
    public boolean markFirstJoin(String incidentId, Instant at) {
        return table.updateIf(TableKeys.meta(incidentId), "SET firstJoinAt = :at",
                "attribute_exists(pk) AND attribute_not_exists(firstJoinAt)", Map.of(), Map.of(":at", s(at.toString())));
    }

    /** Marks that Twilio accepted at least one of the incident's calls (a repeat of its alert is then deduplicated). */
    public void markDialled(String incidentId, int placedCalls) {
        table.updateIf(TableKeys.meta(incidentId), "SET placedCalls = :n", "attribute_exists(pk)", Map.of(),
                Map.of(":n", n(placedCalls)));
    }

    /**
     * Claims dialling an open (or unanswered) incident again whose calls Twilio all refused ({@code placedCalls} 0):
     * of concurrent retries of its alert exactly one gets true, and {@code placedCalls} is cleared until it has
     * dialled ({@link #markDialled}), so the others wait for its outcome as for the first attempt's.
     */
    public boolean claimRedial(String incidentId) {
        return table.updateIf(TableKeys.meta(incidentId), "REMOVE placedCalls",
                "placedCalls = :zero AND #status IN (:open, :unanswered)", Map.of("#status", "status"),
                Map.of(":zero", n(0), ":open", s(Incident.OPEN), ":unanswered", s(Incident.UNANSWERED)));
    }

    public Optional<Incident> find(String incidentId) {
        return table.get(TableKeys.meta(incidentId)).map(MetaItems::incident);
    }

    /**
     * Marks an open incident resolved.
     *
     * @return true if closed now, false if it was already resolved or never created
     */
    boolean close(String incidentId, String resolvedBy, Instant at) {
        return table.updateIf(TableKeys.meta(incidentId),
                "SET #status = :resolved, resolvedAt = :at, resolvedBy = :by",
                "attribute_exists(pk) AND #status IN (:open, :unanswered)",
                Map.of("#status", "status"),
                Map.of(":resolved", s(Incident.RESOLVED), ":open", s(Incident.OPEN), ":unanswered", s(Incident.UNANSWERED),
                        ":at", s(at.toString()), ":by", s(resolvedBy)));
    }

    /** One page of incidents, newest first. */
    public record Page(List<Incident> incidents, Optional<Cursor> next) {
    }

    /**
     * Recent incidents, newest first (the {@code byCreatedAt} index, eventually consistent).
     *
     * @param after the {@code next} of the previous page, if any
     */
    public Page recent(int limit, Optional<Cursor> after) {
        QueryResponse response = table.newestFirst(limit, after.map(Cursor::position));
        List<Incident> incidents = response.items().stream().map(MetaItems::incident).toList();
        Optional<Cursor> next = Optional.empty();
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            Map<String, String> position = new HashMap<>();
            response.lastEvaluatedKey().forEach((k, v) -> position.put(k, v.s()));
            next = Optional.of(new Cursor(position));
        }
        return new Page(incidents, next);
    }


    /**
     * Where the next page of {@link #recent} starts, opaque to callers: {@link #encoded()} gives it out (base64url
     * JSON of the index position), {@link #parse} takes it back, accepting only what {@link #encoded()} can give.
     */
    public static final class Cursor {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Map<String, String> position;

        private Cursor(Map<String, String> position) {
            this.position = Map.copyOf(position);
        }

        public String encoded() {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(position));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** @return empty unless {@code encoded} is the {@link #encoded()} of a cursor, unchanged */
        public static Optional<Cursor> parse(String encoded) {
            try {
                Map<String, String> position = JSON.readValue(Base64.getUrlDecoder().decode(encoded.strip()),
                        new TypeReference<>() {
                        });
                if (position == null) { // the JSON null
                    return Optional.empty();
                }
                Optional<String> incidentId = TableKeys.incidentIdIn(position.get(PK)).filter(IncidentIds::isWellFormed);
                String createdAt = position.get(CREATED_AT);
                if (incidentId.isPresent() && createdAt != null && Instant.parse(createdAt) != null
                        && TableKeys.indexPosition(incidentId.get(), createdAt).equals(position)) {
                    return Optional.of(new Cursor(position));
                }
            } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
                // not a cursor
            }
            return Optional.empty();
        }

        private Map<String, String> position() {
            return position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Cursor cursor && cursor.position.equals(position);
        }

        @Override
        public int hashCode() {
            return position.hashCode();
        }
    }
}
