package alertbridge.table;

import static alertbridge.table.TableKeys.BY_CREATED_AT;
import static alertbridge.table.TableKeys.BY_DUE_AT;
import static alertbridge.table.TableKeys.DUE;
import static alertbridge.table.TableKeys.EXPIRES_AT;
import static alertbridge.table.TableKeys.LISTED;
import static alertbridge.table.TableKeys.TYPE;
import static alertbridge.table.TableKeys.meta;
import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The incidents table (single-table design, docs/data-model.md): the few ways its items are written and read, each
 * request made by {@link TableCalls} (outages as {@link StoreUnavailable}, a circuit breaker). Where items live is
 * {@link TableKeys}; a put the table cannot take now goes to the write-behind ({@link PutDeferral}), many at once in
 * batches ({@link BatchPuts}). The item families ({@link Incidents}, {@link DedupClaims}, {@link CalleeRecords},
 * {@link CallbackEvents}, {@link RateCounters}, ...) say which attributes their items carry.
 */
final class IncidentTable {
    private final DynamoDbClient dynamo;
    private final String name;
    private final Duration retention;
    private final TableCalls calls = new TableCalls();
    private final PutDeferral deferral;
    private final BatchPuts batchPuts;

    IncidentTable(DynamoDbClient dynamo, String name, Duration retention, Optional<WriteBehind> writeBehind) {
        this.dynamo = dynamo;
        this.name = name;
        this.retention = retention;
        this.deferral = new PutDeferral(writeBehind);
        this.batchPuts = new BatchPuts(dynamo, name, calls, deferral);
    }

    /** Runs one request against the table ({@link TableCalls}: outages as {@link StoreUnavailable}, a circuit breaker). */
    private <T> T call(String what, Supplier<T> request) {
        return calls.run(what, request);
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
            deferral.deferOrThrow(e, item, false);
        }
    }

    /**
     * Whole items, {@value BatchPuts#MAX_BATCH} to a request ({@code BatchWriteItem}); what the table leaves unprocessed
     * is sent again twice, and what it still could not take (or all, when it is unavailable) is deferred as {@link #put}
     * does.
     */
    void putAll(List<Map<String, AttributeValue>> items) {
        batchPuts.putAll(items);
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
            deferral.deferOrThrow(e, item, true);
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

    /** Every item of one incident whose sort key starts with {@code prefix} ({@link TableKeys#CALLEES}, ...), read consistently. */
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
