package alertbridge.incident;

import alertbridge.calls.DialResult;
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
 * </pre>
 * Every item carries {@code expiresAt} (epoch seconds) for DynamoDB TTL.
 */
public final class IncidentRepository {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";

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
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Incident(
                item.get("incidentId").s(),
                item.get("message").s(),
                Instant.parse(item.get("createdAt").s()),
                item.get("status").s(),
                Integer.parseInt(item.get("calleeCount").n())));
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
