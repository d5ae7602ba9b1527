package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.concurrent.AllAtOnce;
import alertbridge.log.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Calls per number and UTC clock hour, across incidents ({@code RATE#<e164>} / {@code <yyyy-MM-ddTHH>}, attribute
 * {@code calls}): {@code UpdateItem ADD calls 1} with the condition {@code calls < max}, so concurrent callers cannot
 * overshoot and a refused call is not counted.
 *
 * <p>An alert to many people counts them all in one request ({@link #countEachIfBelow}): one {@code TransactWriteItems}
 * of up to {@value #MAX_TRANSACTION} counters, so the fan-out waits one table round trip, not one per callee (DynamoDB
 * answers parallel requests in parallel; the local stand-in applies them one at a time). A transaction is all or
 * nothing, so when some numbers are at their limit the transaction is cancelled and made again without them: two
 * round trips then, still not one per callee.
 */
public final class RateCounters {
    private static final JsonLog LOG = JsonLog.forComponent("rate-counters");
    /** Counter items outlive their hour a little (DynamoDB's TTL deletes within days anyway). */
    private static final Duration KEEP = Duration.ofHours(2);
    /** DynamoDB's most actions in one transaction. */
    static final int MAX_TRANSACTION = 100;
    /** Transactions tried for one set of numbers before counting them one by one. */
    private static final int ATTEMPTS = 3;
    private static final String COUNT = "ADD #calls :one SET #type = :type, #expiresAt = :expires";
    private static final String BELOW = "attribute_not_exists(#calls) OR #calls < :max";
    private static final Map<String, String> NAMES =
            Map.of("#calls", "calls", "#type", TableKeys.TYPE, "#expiresAt", TableKeys.EXPIRES_AT);

    private final IncidentTable table;

    RateCounters(IncidentTable table) {
        this.table = table;
    }

    /**
     * Takes back one call counted for {@code e164} in the hour starting at {@code hour} (it was never placed); a count
     * already at 0, or no counter, is left alone.
     *
     * @return true if one was taken back
     */
    public boolean uncount(String e164, Instant hour) {
        return table.updateIf(TableKeys.rate(e164, hour), "ADD #calls :minus", "#calls > :zero", Map.of("#calls", "calls"),
                Map.of(":minus", n(-1), ":zero", n(0)));
    }

    /**
     * Counts one call to {@code e164} in the hour starting at {@code hour}, unless {@code max} calls were counted already.
     *
     * @return true if counted, false if the hour's count is at {@code max} (nothing counted)
     */
    public boolean countIfBelow(String e164, Instant hour, int max) {
        ItemKey key = TableKeys.rate(e164, hour);
        return table.updateIf(key, COUNT, BELOW, NAMES, values(key, hour, max));
    }

    /**
     * {@link #countIfBelow} for each of {@code numbers} (distinct), in as few requests as the limits allow.
     *
     * @return the numbers counted; the others were at {@code max} (nothing counted for them)
     * @throws StoreUnavailable when the table could not be asked (nothing or only some of the transactions made:
     *                          a caller that dials anyway over-counts at worst, never under-counts a call it made)
     */
    public Set<String> countEachIfBelow(List<String> numbers, Instant hour, int max) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(numbers)); // a transaction touches an item once
        if (distinct.size() <= MAX_TRANSACTION) {
            return countInTransactions(distinct, hour, max);
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += MAX_TRANSACTION) {
            chunks.add(distinct.subList(i, Math.min(distinct.size(), i + MAX_TRANSACTION)));
        }
        Set<String> counted = new LinkedHashSet<>();
        AllAtOnce.mapOrThrow(chunks, chunk -> countInTransactions(chunk, hour, max)).forEach(counted::addAll);
        return counted;
    }

    private Set<String> countInTransactions(List<String> numbers, Instant hour, int max) {
        List<String> left = new ArrayList<>(numbers);
        for (int attempt = 1; attempt <= ATTEMPTS && !left.isEmpty(); attempt++) {
            List<Update> updates = left.stream().map(number -> counting(number, hour, max)).toList();
            try {
                table.transact(updates, UUID.randomUUID().toString());
                return new LinkedHashSet<>(left);
            } catch (TransactionCanceledException e) {
                List<String> atLimit = atLimit(left, e);
                if (atLimit.isEmpty()) {
                    // another transaction held one of the counters (two alerts to the same person at once): once more
                    LOG.info("rate_transaction_conflict", "attempt", attempt, "reasons", codes(e));
                    pause(attempt);
                }
                left.removeAll(atLimit);
            }
        }
        if (left.isEmpty()) {
            return Set.of();
        }
        // still conflicting: count the rest one by one (each a single conditional update, at once)
        List<Boolean> counted = AllAtOnce.mapOrThrow(left, number -> countIfBelow(number, hour, max));
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < left.size(); i++) {
            if (counted.get(i)) {
                result.add(left.get(i));
            }
        }
        return result;
    }

    /** The numbers whose condition ({@code calls < max}) failed, by the cancellation reasons (one per update, in order). */
    private static List<String> atLimit(List<String> numbers, TransactionCanceledException e) {
        List<String> atLimit = new ArrayList<>();
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < numbers.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                atLimit.add(numbers.get(i));
            }
        }
        return atLimit;
    }

    private static String codes(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                ? String.join(",", new LinkedHashSet<>(e.cancellationReasons().stream().map(CancellationReason::code).toList()))
                : "none";
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Duration.ofMillis(20L * attempt + (long) (Math.random() * 30)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Update counting(String e164, Instant hour, int max) {
        ItemKey key = TableKeys.rate(e164, hour);
        return table.update(key).updateExpression(COUNT).conditionExpression(BELOW)
                .expressionAttributeNames(NAMES).expressionAttributeValues(values(key, hour, max)).build();
    }

    private static Map<String, AttributeValue> values(ItemKey key, Instant hour, int max) {
        return Map.of(":one", n(1), ":max", n(max), ":type", s(key.type()),
                ":expires", n(hour.plus(KEEP).getEpochSecond()));
    }
}
