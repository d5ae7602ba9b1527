package alertbridge.incident;

import alertbridge.calls.DialResult;
import alertbridge.calls.TextResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The incident table (single-table design, see docs/data-model.md):
 * <pre>
 * pk = INCIDENT#&lt;id&gt;   sk = META              the incident
 * pk = INCIDENT#&lt;id&gt;   sk = CALLEE#&lt;e164&gt;     one call placed (or refused by Twilio) per callee
 * pk = INCIDENT#&lt;id&gt;   sk = JOIN#&lt;callSid&gt;    a callee who pressed a key and was bridged
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CALL#...      one Twilio call-status callback (idempotent per SequenceNumber)
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CONF#...      one Twilio conference callback (idempotent per SequenceNumber)
 * pk = DEDUP#&lt;key&gt;      sk = OPEN              the open incident of one dedup key (alert group or Idempotency-Key)
 * </pre>
 * {@code META} items also carry {@code listPk} = {@code INCIDENTS} for the {@code byCreatedAt} index (newest first).
 * Every item carries {@code expiresAt} (epoch seconds) for DynamoDB TTL.
 */
public final class IncidentRepository {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";
    /** The index that lists incidents newest first: hash {@code listPk}, range {@code createdAt}. */
    public static final String BY_CREATED_AT = "byCreatedAt";
    private static final String LIST_PK = "INCIDENTS";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public IncidentRepository(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** A call as recorded: {@code callSid} is empty when Twilio refused to place it. */
    public record CallRecord(String to, Optional<String> callSid, String status, Optional<Integer> errorCode,
                             Optional<String> errorMessage, Instant placedAt) {
    }

    /** A callee who pressed a key and was sent into the bridge. */
    public record JoinRecord(String callSid, String to, Instant joinedAt) {
    }

    /** Stores a new incident; fails if the id already exists (ids are random, so this never happens by chance). */
    public void create(Incident incident) {
        Map<String, AttributeValue> item = key(incident.id(), "META");
        item.put("type", s("incident"));
        item.put("incidentId", s(incident.id()));
        item.put("message", s(incident.message()));
        item.put("createdAt", s(incident.createdAt().toString()));
        item.put("status", s(incident.status()));
        item.put("conference", s(incident.conferenceName()));
        item.put("calleeCount", n(incident.calleeCount()));
        item.put("listPk", s(LIST_PK));
        item.put(EXPIRES_AT, n(expiry(incident.createdAt())));
        dynamo.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build());
    }

    public Optional<Incident> find(String incidentId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(incidentId, "META")).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(incident(response.item()));
    }

    /** One page of incidents, newest first. */
    public record Page(List<Incident> incidents, Optional<Map<String, String>> next) {
    }

    /**
     * Recent incidents, newest first ({@code byCreatedAt} index, eventually consistent).
     *
     * @param after the {@code next} key of the previous page, if any
     */
    public Page recent(int limit, Optional<Map<String, String>> after) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(BY_CREATED_AT)
                .keyConditionExpression("listPk = :list")
                .expressionAttributeValues(Map.of(":list", s(LIST_PK)))
                .scanIndexForward(false)
                .limit(limit);
        after.ifPresent(key -> {
            Map<String, AttributeValue> start = new HashMap<>();
            key.forEach((k, v) -> start.put(k, s(v)));
            query.exclusiveStartKey(start);
        });
        QueryResponse response = dynamo.query(query.build());
        List<Incident> incidents = response.items().stream().map(IncidentRepository::incident).toList();
        Optional<Map<String, String>> next = Optional.empty();
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            Map<String, String> key = new HashMap<>();
            response.lastEvaluatedKey().forEach((k, v) -> key.put(k, v.s()));
            next = Optional.of(key);
        }
        return new Page(incidents, next);
    }

    private static Incident incident(Map<String, AttributeValue> item) {
        return new Incident(
                item.get("incidentId").s(),
                item.get("message").s(),
                Instant.parse(item.get("createdAt").s()),
                item.get("status").s(),
                Integer.parseInt(item.get("calleeCount").n()),
                Optional.ofNullable(item.get("resolvedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("resolvedBy")).map(AttributeValue::s));
    }

    /** The answer to {@link #claimDedup}: this request opens the incident, or another one already holds the key. */
    public sealed interface DedupClaim {
        record Claimed() implements DedupClaim {
        }

        record Held(String incidentId) implements DedupClaim {
        }
    }

    /**
     * Claims a dedup key for a new incident, before the incident is created or anyone is dialled. The write is
     * conditional, so of two requests with the same key arriving together exactly one claims it. A key whose
     * incident is no longer open (resolved), whose claim expired, or whose incident was never created within
     * {@code abandonedAfter} (the claimer failed) is taken over.
     */
    public DedupClaim claimDedup(String dedupKey, String incidentId, Instant now, Duration abandonedAfter) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, AttributeValue> item = dedupKeyOf(dedupKey);
            item.put("type", s("dedup"));
            item.put("incidentId", s(incidentId));
            item.put("claimedAt", s(now.toString()));
            item.put(EXPIRES_AT, n(expiry(now)));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
                return new DedupClaim.Claimed();
            } catch (ConditionalCheckFailedException held) {
                // someone holds the key: look at whom
            }
            GetItemResponse current = dynamo.getItem(b -> b.tableName(table).key(dedupKeyOf(dedupKey)).consistentRead(true));
            if (!current.hasItem() || current.item().isEmpty()) {
                continue; // resolved in between: try again
            }
            String holder = current.item().get("incidentId").s();
            Optional<Incident> incident = find(holder);
            boolean stale = incident.map(i -> !i.isOpen()).orElseGet(() ->
                    Instant.parse(current.item().get("claimedAt").s()).plus(abandonedAfter).isBefore(now));
            if (!stale) {
                return new DedupClaim.Held(holder);
            }
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("incidentId = :holder")
                        .expressionAttributeValues(Map.of(":holder", s(holder))));
                return new DedupClaim.Claimed();
            } catch (ConditionalCheckFailedException changed) {
                // another request took it over first: look again
            }
        }
        throw new IllegalStateException("the dedup key kept changing hands");
    }

    /** Gives a dedup key up (the incident placed no call, or could not be created), if {@code incidentId} still holds it. */
    public void releaseDedup(String dedupKey, String incidentId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(dedupKeyOf(dedupKey))
                    .conditionExpression("incidentId = :id")
                    .expressionAttributeValues(Map.of(":id", s(incidentId))));
        } catch (ConditionalCheckFailedException e) {
            // held by another incident now, or already gone
        }
    }

    /**
     * Closes the open incident of a dedup key: marks it resolved and frees the key, so the next firing opens a new
     * incident. Repeating a resolve finds nothing to close.
     *
     * @return the incident closed now; empty when the key has no open incident
     */
    public Optional<String> resolveDedup(String dedupKey, String resolvedBy, Instant at) {
        GetItemResponse current = dynamo.getItem(b -> b.tableName(table).key(dedupKeyOf(dedupKey)).consistentRead(true));
        if (!current.hasItem() || current.item().isEmpty()) {
            return Optional.empty();
        }
        String incidentId = current.item().get("incidentId").s();
        boolean closed;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(incidentId, "META"))
                    .updateExpression("SET #status = :resolved, resolvedAt = :at, resolvedBy = :by")
                    .conditionExpression("attribute_exists(pk) AND #status = :open")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":resolved", s(Incident.RESOLVED), ":open", s(Incident.OPEN),
                            ":at", s(at.toString()), ":by", s(resolvedBy))));
            closed = true;
        } catch (ConditionalCheckFailedException e) {
            closed = false; // already resolved, or never created
        }
        releaseDedup(dedupKey, incidentId);
        return closed ? Optional.of(incidentId) : Optional.empty();
    }

    /** Records what happened when we asked Twilio to call {@code to}. */
    public void recordCall(String incidentId, String to, DialResult result, Instant placedAt) {
        Map<String, AttributeValue> item = key(incidentId, "CALLEE#" + to);
        item.put("type", s("call"));
        item.put("to", s(to));
        item.put("placedAt", s(placedAt.toString()));
        item.put(EXPIRES_AT, n(expiry(placedAt)));
        switch (result) {
            case DialResult.Placed placed -> {
                item.put("callSid", s(placed.callSid()));
                item.put("callStatus", s(placed.status()));
            }
            case DialResult.Failed failed -> {
                item.put("callStatus", s("failed"));
                item.put("errorCode", n(failed.code()));
                item.put("errorMessage", s(failed.message()));
            }
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Records what happened when we asked Twilio to text {@code to} that the incident resolved. */
    public void recordText(String incidentId, String to, TextResult result, Instant sentAt) {
        Map<String, AttributeValue> item = key(incidentId, "TEXT#" + to);
        item.put("type", s("text"));
        item.put("to", s(to));
        item.put("sentAt", s(sentAt.toString()));
        item.put(EXPIRES_AT, n(expiry(sentAt)));
        switch (result) {
            case TextResult.Sent sent -> {
                item.put("messageSid", s(sent.messageSid()));
                item.put("textStatus", s(sent.status()));
            }
            case TextResult.Failed failed -> {
                item.put("textStatus", s("failed"));
                item.put("errorCode", n(failed.code()));
            }
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The resolved texts of an incident: number → {@code queued}/{@code sent}/... or {@code failed (<code>)}. */
    public Map<String, String> texts(String incidentId) {
        Map<String, String> texts = new java.util.HashMap<>();
        for (Map<String, AttributeValue> item : itemsWithPrefix(incidentId, "TEXT#")) {
            String status = item.get("textStatus").s();
            texts.put(item.get("to").s(), item.containsKey("errorCode") ? status + " (" + item.get("errorCode").n() + ")" : status);
        }
        return texts;
    }

    /**
     * Records that a call joined the bridge. Conditional on the call not having joined before, so a replayed
     * or retried webhook adds no second row.
     *
     * @return true if this call's join was recorded now, false if it was already recorded
     */
    public boolean recordJoin(String incidentId, String callSid, String to, Instant joinedAt) {
        Map<String, AttributeValue> item = key(incidentId, "JOIN#" + callSid);
        item.put("type", s("join"));
        item.put("callSid", s(callSid));
        item.put("to", s(to));
        item.put("joinedAt", s(joinedAt.toString()));
        item.put(EXPIRES_AT, n(expiry(joinedAt)));
        return putIfAbsent(item);
    }

    /**
     * Records one call-status callback. Keyed by call and Twilio's SequenceNumber, so the same callback delivered
     * twice (Twilio retries) changes nothing.
     *
     * @return true if recorded now, false if this callback was already recorded
     */
    public boolean recordCallEvent(String incidentId, CallEvent event) {
        Map<String, AttributeValue> item = key(incidentId, "EVENT#CALL#" + event.callSid() + "#" + event.eventKey());
        item.put("type", s("call_event"));
        item.put("callSid", s(event.callSid()));
        item.put("to", s(event.to()));
        item.put("callStatus", s(event.callStatus()));
        item.put("at", s(event.at().toString()));
        item.put("sequence", n(event.sequence()));
        event.durationSeconds().ifPresent(d -> item.put("duration", n(d)));
        item.put(EXPIRES_AT, n(expiry(event.at())));
        return putIfAbsent(item);
    }

    /** Records one conference callback, idempotently (see {@link #recordCallEvent}). */
    public boolean recordConferenceEvent(String incidentId, ConferenceEvent event) {
        Map<String, AttributeValue> item = key(incidentId, "EVENT#CONF#" + event.conferenceSid() + "#" + event.eventKey());
        item.put("type", s("conference_event"));
        item.put("conferenceSid", s(event.conferenceSid()));
        item.put("event", s(event.event()));
        event.callSid().ifPresent(sid -> item.put("callSid", s(sid)));
        item.put("at", s(event.at().toString()));
        item.put("sequence", n(event.sequence()));
        item.put(EXPIRES_AT, n(expiry(event.at())));
        return putIfAbsent(item);
    }

    public List<CallEvent> callEvents(String incidentId) {
        List<CallEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : itemsWithPrefix(incidentId, "EVENT#CALL#")) {
            events.add(new CallEvent(item.get("callSid").s(), item.get("to").s(), item.get("callStatus").s(),
                    Instant.parse(item.get("at").s()), Integer.parseInt(item.get("sequence").n()),
                    Optional.ofNullable(item.get("duration")).map(v -> Integer.parseInt(v.n()))));
        }
        return events;
    }

    public List<ConferenceEvent> conferenceEvents(String incidentId) {
        List<ConferenceEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : itemsWithPrefix(incidentId, "EVENT#CONF#")) {
            events.add(new ConferenceEvent(item.get("conferenceSid").s(), item.get("event").s(),
                    Optional.ofNullable(item.get("callSid")).map(AttributeValue::s),
                    Instant.parse(item.get("at").s()), Integer.parseInt(item.get("sequence").n())));
        }
        return events;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public List<CallRecord> calls(String incidentId) {
        List<CallRecord> calls = new ArrayList<>();
        for (Map<String, AttributeValue> item : itemsWithPrefix(incidentId, "CALLEE#")) {
            calls.add(new CallRecord(
                    item.get("to").s(),
                    Optional.ofNullable(item.get("callSid")).map(AttributeValue::s),
                    item.get("callStatus").s(),
                    Optional.ofNullable(item.get("errorCode")).map(v -> Integer.parseInt(v.n())),
                    Optional.ofNullable(item.get("errorMessage")).map(AttributeValue::s),
                    Instant.parse(item.get("placedAt").s())));
        }
        return calls;
    }

    public List<JoinRecord> joins(String incidentId) {
        List<JoinRecord> joins = new ArrayList<>();
        for (Map<String, AttributeValue> item : itemsWithPrefix(incidentId, "JOIN#")) {
            joins.add(new JoinRecord(item.get("callSid").s(), item.get("to").s(), Instant.parse(item.get("joinedAt").s())));
        }
        return joins;
    }

    private List<Map<String, AttributeValue>> itemsWithPrefix(String incidentId, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(incidentId)), ":prefix", s(prefix)))
                    .consistentRead(true);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    private long expiry(Instant from) {
        return from.plus(retention).getEpochSecond();
    }

    private static Map<String, AttributeValue> key(String incidentId, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s(pk(incidentId)));
        key.put(SK, s(sk));
        return key;
    }

    private static Map<String, AttributeValue> dedupKeyOf(String dedupKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s("DEDUP#" + dedupKey));
        key.put(SK, s("OPEN"));
        return key;
    }

    private static String pk(String incidentId) {
        return "INCIDENT#" + incidentId;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
