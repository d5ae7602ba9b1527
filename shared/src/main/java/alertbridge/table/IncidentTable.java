package alertbridge.table;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The incidents table (single-table design, docs/data-model.md): every key format, written here and nowhere else,
 * and the few ways its items are written and read. The item families ({@link Incidents}, {@link DedupClaims},
 * {@link CalleeRecords}, {@link CallbackEvents}, {@link RateCounters}) say which attributes their items carry.
 * <pre>
 * pk = INCIDENT#&lt;id&gt;   sk = META                             the incident ({@code listPk}, {@code createdAt}: the index)
 * pk = INCIDENT#&lt;id&gt;   sk = CALLEE#&lt;e164&gt;                    the round-1 call placed (or refused by Twilio) per callee
 * pk = INCIDENT#&lt;id&gt;   sk = CALLEE#&lt;e164&gt;#&lt;round&gt;            the call of a later round (round zero-padded to 2)
 * pk = INCIDENT#&lt;id&gt;   sk = JOIN#&lt;callSid&gt;                   a callee who pressed a key and was bridged
 * pk = INCIDENT#&lt;id&gt;   sk = TEXT#&lt;e164&gt;                      the "resolved" text to a callee
 * pk = INCIDENT#&lt;id&gt;   sk = MISSED#&lt;e164&gt;                    the missed-call text to a callee (one per incident)
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CALL#&lt;callSid&gt;#&lt;seq&gt;       one Twilio call-status callback
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CONF#&lt;conferenceSid&gt;#&lt;seq&gt; one Twilio conference callback
 * pk = DEDUP#&lt;key&gt;      sk = OPEN                             the open incident of one dedup key
 * pk = RATE#&lt;e164&gt;      sk = &lt;yyyy-MM-ddTHH&gt;                  calls to one number in one UTC hour
 * pk = CHECKS            sk = &lt;name&gt;                          a check-in ({@code dueList}, {@code dueAt}: the due index)
 * pk = PINGKEY#&lt;key&gt;    sk = KEY                              which check a ping key belongs to
 * pk = CHECK#&lt;name&gt;     sk = PING#&lt;epoch ms&gt;#&lt;nonce&gt;          one ping, with the body the job sent
 * pk = TEAM#&lt;team&gt;     sk = SCHEDULE#&lt;version, 6 digits&gt;        one immutable version of the team's on-call schedule
 * pk = TEAM#&lt;team&gt;     sk = OVERRIDE#&lt;start epoch ms&gt;#&lt;id&gt;      one override of it
 * pk = TEAM#&lt;team&gt;     sk = PAGE#&lt;epoch ms&gt;#&lt;incidentId&gt;     a page of the team while its schedule put people on call
 * pk = TEAM#&lt;team&gt;     sk = HANDOFF#&lt;epoch ms of the change&gt;     the claim of one handoff notice (sent once)
 * pk = SCHEDULES         sk = &lt;team&gt;[#remind]                 a scheduled team: its next change (or reminder) on the due index
 * pk = SLACKPAGE         sk = &lt;incidentId&gt;                    a page made from Slack: its response_url follow-ups (due index)
 * pk = CALFEED#&lt;sha256&gt; sk = FEED                             one calendar subscription (the token's hash)
 * </pre>
 * Every item carries {@code type} (its kind, for the console) and {@code expiresAt} (epoch seconds) for DynamoDB TTL,
 * except checks and ping keys, which stay until deleted.
 */
final class IncidentTable {
    private static final alertbridge.log.JsonLog WRITES_LOG = alertbridge.log.JsonLog.forComponent("table");
    static final String PK = "pk";
    static final String SK = "sk";
    static final String TYPE = "type";
    static final String EXPIRES_AT = "expiresAt";
    /** The index that lists incidents newest first: hash {@code listPk}, range {@code createdAt}. */
    static final String BY_CREATED_AT = "byCreatedAt";
    static final String LIST_PK = "listPk";
    static final String CREATED_AT = "createdAt";
    private static final String LISTED = "INCIDENTS";
    /** The sparse index of checks' deadlines: hash {@code dueList}, range {@code dueAt}; only checks with a deadline. */
    static final String BY_DUE_AT = "byDueAt";
    static final String DUE_LIST = "dueList";
    static final String DUE_AT = "dueAt";
    static final String DUE = "DUE";
    private static final String CHECKS = "CHECKS";

    private static final String INCIDENT = "INCIDENT#";
    private static final String META = "META";
    static final String CALLEES = "CALLEE#";
    static final String JOINS = "JOIN#";
    static final String TEXTS = "TEXT#";
    static final String MISSED_TEXTS = "MISSED#";
    static final String CALL_EVENTS = "EVENT#CALL#";
    static final String CONFERENCE_EVENTS = "EVENT#CONF#";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    /** Where an item lives, and the {@code type} its kind is written with. */
    record ItemKey(String pk, String sk, String type) {
        Map<String, AttributeValue> attributes() {
            Map<String, AttributeValue> key = new HashMap<>();
            key.put(PK, s(pk));
            key.put(SK, s(sk));
            return key;
        }
    }

    static ItemKey meta(String incidentId) {
        return new ItemKey(INCIDENT + incidentId, META, "incident");
    }

    /** Round 1 keeps the key it had before there were rounds; later rounds add theirs. */
    static ItemKey callee(String incidentId, String e164, int round) {
        return new ItemKey(INCIDENT + incidentId, CALLEES + e164 + (round > 1 ? "#%02d".formatted(round) : ""), "call");
    }

    static ItemKey join(String incidentId, String callSid) {
        return new ItemKey(INCIDENT + incidentId, JOINS + callSid, "join");
    }

    static ItemKey text(String incidentId, String e164) {
        return new ItemKey(INCIDENT + incidentId, TEXTS + e164, "text");
    }

    static ItemKey missedText(String incidentId, String e164) {
        return new ItemKey(INCIDENT + incidentId, MISSED_TEXTS + e164, "missed_text");
    }

    /** {@code <seq>}: Twilio's SequenceNumber zero-padded to six digits; without one, the time and status. */
    static ItemKey callEvent(String incidentId, CallEvent e) {
        String seq = e.sequence() >= 0 ? "%06d".formatted(e.sequence()) : "t" + e.at().toEpochMilli() + "#" + e.callStatus();
        return new ItemKey(INCIDENT + incidentId, CALL_EVENTS + e.callSid() + "#" + seq, "call_event");
    }

    /** {@code <seq>} as for call events; without one, the time, the event and the participant's call. */
    static ItemKey conferenceEvent(String incidentId, ConferenceEvent e) {
        String seq = e.sequence() >= 0 ? "%06d".formatted(e.sequence())
                : "t" + e.at().toEpochMilli() + "#" + e.event() + "#" + e.callSid().orElse("-");
        return new ItemKey(INCIDENT + incidentId, CONFERENCE_EVENTS + e.conferenceSid() + "#" + seq, "conference_event");
    }

    static ItemKey dedup(String dedupKey) {
        return new ItemKey("DEDUP#" + dedupKey, "OPEN", "dedup");
    }

    /** The counter of calls to {@code e164} in the UTC clock hour {@code hour} falls in. */
    static ItemKey rate(String e164, Instant hour) {
        return new ItemKey("RATE#" + e164, HOUR.format(hour), "rate");
    }

    static ItemKey check(String name) {
        return new ItemKey(CHECKS, name, "check");
    }

    static final String SCHEDULE_VERSION = "SCHEDULE#";
    static final String OVERRIDE = "OVERRIDE#";

    static String scheduleOf(String team) {
        return "TEAM#" + team;
    }

    static ItemKey scheduleVersion(String team, int version) {
        return new ItemKey(scheduleOf(team), SCHEDULE_VERSION + "%06d".formatted(version), "schedule");
    }

    /** {@code <epoch ms>} zero-padded to 13 digits, so overrides order by start. */
    static ItemKey override(String team, Instant start, String id) {
        return new ItemKey(scheduleOf(team), OVERRIDE + "%013d#%s".formatted(start.toEpochMilli(), id), "override");
    }

    static final String PAGES = "PAGE#";

    /** {@code <epoch ms>} zero-padded to 13 digits: a team's pages in time order, for the hours report. */
    static ItemKey teamPage(String team, Instant at, String incidentId) {
        return new ItemKey(scheduleOf(team), PAGES + "%013d#%s".formatted(at.toEpochMilli(), incidentId), "team_page");
    }

    /** The due index's list of scheduled teams (check-ins are on {@value #DUE}). */
    static final String HANDOFF_DUE = "HANDOFF";

    static final String SCHEDULED_TEAMS = "SCHEDULES";

    static ItemKey scheduledTeam(String team) {
        return new ItemKey(SCHEDULED_TEAMS, team, "scheduled_team");
    }

    static ItemKey handoffClaim(String team, Instant change, String suffix) {
        return new ItemKey(scheduleOf(team), "HANDOFF#%013d%s".formatted(change.toEpochMilli(), suffix), "handoff");
    }

    static ItemKey slackPage(String incidentId) {
        return new ItemKey("SLACKPAGE", incidentId, "slack_page");
    }

    static ItemKey calendarFeed(String hash) {
        return new ItemKey("CALFEED#" + hash, "FEED", "calendar_feed");
    }

    static ItemKey pingKey(String key) {
        return new ItemKey("PINGKEY#" + key, "KEY", "ping_key");
    }

    /** An incident event the events queue could not take ({@link EventOutbox}), in the order kept. */
    static ItemKey outbox(Instant at, String eventId) {
        return new ItemKey(EventOutbox.PK, "%013d#%s".formatted(at.toEpochMilli(), eventId), "outbox");
    }

    /** {@code <epoch ms>} zero-padded to 13 digits, so the sort key orders pings by time. */
    static ItemKey ping(String checkName, Instant at, String nonce) {
        return new ItemKey(pingsOf(checkName), "PING#%013d#%s".formatted(at.toEpochMilli(), nonce), "ping");
    }

    static String pingsOf(String checkName) {
        return "CHECK#" + checkName;
    }

    /** The attributes that list a {@code META} item on the {@value #BY_CREATED_AT} index. */
    static Map<String, AttributeValue> listing(Instant createdAt) {
        return Map.of(LIST_PK, s(LISTED), CREATED_AT, s(createdAt.toString()));
    }

    /**
     * Where a page of the {@value #BY_CREATED_AT} index ends, as DynamoDB reports it ({@code LastEvaluatedKey}): the
     * incident's {@code META} key and its index key.
     */
    static Map<String, String> indexPosition(String incidentId, String createdAt) {
        ItemKey meta = meta(incidentId);
        return Map.of(PK, meta.pk(), SK, meta.sk(), LIST_PK, LISTED, CREATED_AT, createdAt);
    }

    /** The incident id in an incident partition key; empty for any other key. */
    static Optional<String> incidentIdIn(String pk) {
        return pk != null && pk.startsWith(INCIDENT) ? Optional.of(pk.substring(INCIDENT.length())) : Optional.empty();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private final DynamoDbClient dynamo;
    private final String name;
    private final Duration retention;
    private final Optional<WriteBehind> writeBehind;
    private final TableCalls calls = new TableCalls();

    IncidentTable(DynamoDbClient dynamo, String name, Duration retention, Optional<WriteBehind> writeBehind) {
        this.dynamo = dynamo;
        this.name = name;
        this.retention = retention;
        this.writeBehind = writeBehind;
    }

    /** Runs one request against the table ({@link TableCalls}: outages as {@link StoreUnavailable}, a circuit breaker). */
    private <T> T call(String what, java.util.function.Supplier<T> request) {
        return calls.run(what, request);
    }

    /** A put the table did not take: deferred if a {@link WriteBehind} is configured, else {@link StoreUnavailable}. */
    private void deferOrThrow(StoreUnavailable failure, Map<String, AttributeValue> item, boolean ifAbsent) {
        if (writeBehind.isEmpty()) {
            throw failure;
        }
        try {
            writeBehind.get().defer(item, ifAbsent);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        WRITES_LOG.warn("write_deferred", "type", item.get(TYPE).s(), "ifAbsent", ifAbsent);
    }

    /** A new item at {@code key} (keys, {@code type}), expiring the retention after {@code at}; add its attributes. */
    Map<String, AttributeValue> newItem(ItemKey key, Instant at) {
        Map<String, AttributeValue> item = key.attributes();
        item.put(TYPE, s(key.type()));
        item.put(EXPIRES_AT, n(at.plus(retention).getEpochSecond()));
        return item;
    }

    /**
     * A deferred write made now, never deferred again.
     *
     * @return false when it was "if absent" and an item with its key exists
     */
    boolean writeNow(Map<String, AttributeValue> item, boolean ifAbsent) {
        try {
            call("deferred write", () -> dynamo.putItem(b -> {
                b.tableName(name).item(item);
                if (ifAbsent) {
                    b.conditionExpression("attribute_not_exists(pk)");
                }
            }));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A whole item, written now or, when the table is unavailable, deferred. */
    void put(Map<String, AttributeValue> item) {
        try {
            call("put", () -> dynamo.putItem(b -> b.tableName(name).item(item)));
        } catch (StoreUnavailable e) {
            deferOrThrow(e, item, false);
        }
    }

    /** DynamoDB's most items in one {@code BatchWriteItem}. */
    static final int MAX_BATCH = 25;

    /**
     * Whole items, {@value #MAX_BATCH} to a request ({@code BatchWriteItem}); what the table leaves unprocessed is sent
     * again twice, and what it still could not take (or all, when it is unavailable) is deferred as {@link #put} does.
     */
    void putAll(List<Map<String, AttributeValue>> items) {
        StoreUnavailable notDeferred = null;
        for (int i = 0; i < items.size(); i += MAX_BATCH) {
            List<WriteRequest> left = items.subList(i, Math.min(items.size(), i + MAX_BATCH)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            StoreUnavailable failure = null;
            for (int attempt = 0; attempt < 3 && !left.isEmpty() && failure == null; attempt++) {
                List<WriteRequest> sending = left;
                try {
                    left = call("batch put", () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(name, sending))))
                            .unprocessedItems().getOrDefault(name, List.of());
                } catch (StoreUnavailable e) {
                    failure = e;
                }
            }
            if (!left.isEmpty()) {
                StoreUnavailable unprocessed = failure != null ? failure
                        : new StoreUnavailable("batch put", new IllegalStateException(left.size() + " items left unprocessed"));
                for (WriteRequest w : left) {
                    try {
                        deferOrThrow(unprocessed, w.putRequest().item(), false);
                    } catch (StoreUnavailable e) {
                        notDeferred = e; // the other batches are still tried
                    }
                }
            }
        }
        if (notDeferred != null) {
            throw notDeferred;
        }
    }

    /**
     * A new item (when the table is unavailable, deferred and written later only if still absent).
     *
     * @throws ConditionalCheckFailedException when an item with this key exists
     */
    void putNew(Map<String, AttributeValue> item) {
        try {
            call("put new", () -> dynamo.putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(pk)")));
        } catch (StoreUnavailable e) {
            deferOrThrow(e, item, true);
        }
    }

    /**
     * @return true if written now (or deferred: the table could not say whether it is a repeat, and a deferred write
     *         is made only if still absent), false if an item with this key exists (a repeat)
     */
    boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            putNew(item);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** @return true if written, false if {@code condition} did not hold; never deferred */
    boolean putIf(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        try {
            call("conditional put", () -> dynamo.putItem(b -> b.tableName(name).item(item).conditionExpression(condition)
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** @return true if updated, false if {@code condition} did not hold; never deferred */
    boolean updateIf(ItemKey key, String update, String condition, Map<String, String> names,
                     Map<String, AttributeValue> values) {
        try {
            call("conditional update", () -> dynamo.updateItem(b -> b.tableName(name).key(key.attributes())
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One {@code TransactWriteItems} of {@code updates}: all are made or none. Idempotent under {@code token} for ten
     * minutes (DynamoDB's), so the SDK's retry of a request whose answer was lost does not apply it twice.
     *
     * @throws TransactionCanceledException when a condition did not hold or an item was in another transaction
     *                                      ({@code cancellationReasons()}, one per update, in order): nothing made
     */
    void transact(List<Update> updates, String token) {
        call("transaction", () -> dynamo.transactWriteItems(b -> b.clientRequestToken(token)
                .transactItems(updates.stream().map(u -> TransactWriteItem.builder().update(u).build()).toList())));
    }

    /** An update of the item at {@code key} in this table, to be made in a {@link #transact transaction}. */
    Update.Builder update(ItemKey key) {
        return Update.builder().tableName(name).key(key.attributes());
    }

    /** @return true if deleted, false if {@code condition} did not hold (or there was nothing to delete) */
    boolean deleteIf(ItemKey key, String condition, Map<String, AttributeValue> values) {
        try {
            call("conditional delete", () -> dynamo.deleteItem(b -> b.tableName(name).key(key.attributes())
                    .conditionExpression(condition).expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The item at {@code key}, read consistently. */
    Optional<Map<String, AttributeValue>> get(ItemKey key) {
        GetItemResponse response = call("get", () -> dynamo.getItem(b -> b.tableName(name).key(key.attributes()).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Every item of one incident whose sort key starts with {@code prefix} ({@link #CALLEES}, ...), read consistently. */
    List<Map<String, AttributeValue>> itemsUnder(String incidentId, String prefix) {
        return partition(meta(incidentId).pk(), prefix, true, 0);
    }

    /**
     * Items of one partition whose sort key starts with {@code prefix} (empty: all), read consistently, in key order or reversed;
     * at most {@code limit} of them (0: all).
     */
    List<Map<String, AttributeValue>> partition(String pk, String prefix, boolean forward, int limit) {
        return queryAll("query", QueryRequest.builder()
                .tableName(name)
                .keyConditionExpression(prefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(prefix.isEmpty() ? Map.of(":pk", s(pk)) : Map.of(":pk", s(pk), ":prefix", s(prefix)))
                .scanIndexForward(forward)
                .consistentRead(true), limit);
    }

    /** The keys of checks whose {@code dueAt} is at or before {@code at} (the sparse due index; eventually consistent). */
    List<Map<String, AttributeValue>> dueBy(String at) {
        return dueBy(DUE, at);
    }

    /** The keys of the items on the due index's {@code list} whose {@code dueAt} is at or before {@code at}. */
    List<Map<String, AttributeValue>> dueBy(String list, String at) {
        return queryAll("query index", QueryRequest.builder()
                .tableName(name)
                .indexName(BY_DUE_AT)
                .keyConditionExpression("dueList = :due AND dueAt <= :at")
                .expressionAttributeValues(Map.of(":due", s(list), ":at", s(at))), 0);
    }

    /** Every page of {@code query}, following {@code LastEvaluatedKey}; at most {@code limit} items (0: all). */
    private List<Map<String, AttributeValue>> queryAll(String what, QueryRequest.Builder query, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            if (limit > 0) {
                query.limit(limit - items.size());
            }
            QueryRequest request = query.exclusiveStartKey(startKey).build();
            QueryResponse page = call(what, () -> dynamo.query(request));
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && (limit == 0 || items.size() < limit));
        return items;
    }

    /**
     * One {@code TransactWriteItems} of puts and deletes of this table: all are made or none.
     *
     * @return false when a condition did not hold (nothing made)
     */
    boolean transactIf(List<TransactWriteItem> writes) {
        try {
            call("transaction", () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    /** This table's name, for the writes of a {@link #transactIf transaction}. */
    String name() {
        return name;
    }

    /** One page of listed incidents, newest first; {@code LastEvaluatedKey} where the next one starts. */
    QueryResponse newestFirst(int limit, Optional<Map<String, String>> after) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(name)
                .indexName(BY_CREATED_AT)
                .keyConditionExpression("listPk = :list")
                .expressionAttributeValues(Map.of(":list", s(LISTED)))
                .scanIndexForward(false)
                .limit(limit);
        after.ifPresent(position -> {
            Map<String, AttributeValue> start = new HashMap<>();
            position.forEach((k, v) -> start.put(k, s(v)));
            query.exclusiveStartKey(start);
        });
        QueryRequest request = query.build();
        return call("query index", () -> dynamo.query(request));
    }
}
