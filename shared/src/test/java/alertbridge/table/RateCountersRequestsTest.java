package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * How many table requests counting a team costs, seen by the DynamoDB client itself (an interceptor on a real client
 * talking to moto): one transaction for everyone, a second only when someone is at the limit, and one conditional
 * update per number only after transactions kept conflicting.
 */
class RateCountersRequestsTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();

    private static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");

    /** Counts requests by operation; fails the first {@code conflicts} transactions as DynamoDB does on a conflict. */
    private static final class Requests implements ExecutionInterceptor {
        final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
        final AtomicInteger conflicts;

        Requests(int conflicts) {
            this.conflicts = new AtomicInteger(conflicts);
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            byOperation.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            if (operation.equals("TransactWriteItems") && conflicts.getAndDecrement() > 0) {
                throw TransactionCanceledException.builder().statusCode(400).message("Transaction cancelled")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                                .errorMessage("Transaction cancelled").serviceName("DynamoDb").build())
                        .cancellationReasons(Collections.nCopies(3, CancellationReason.builder().code("TransactionConflict").build()))
                        .build();
            }
        }

        int count(String operation) {
            return byOperation.getOrDefault(operation, new AtomicInteger()).get();
        }
    }

    private static RateCounters counters(Requests requests) {
        return new IncidentStore(aws.moto().dynamoDb(requests), aws.tableName(), Duration.ofDays(1), java.util.Optional.empty()).rates();
    }

    private static List<String> numbers(int count, int first) {
        return IntStream.range(first, first + count).mapToObj(i -> "+8190" + (30000000 + i)).toList();
    }

    @Test
    void fiftyNumbersAreOneRequestAndSomeoneAtTheLimitASecond() {
        Requests requests = new Requests(0);
        RateCounters counters = counters(requests);
        List<String> team = numbers(50, 0);

        assertEquals(Set.copyOf(team), counters.countEachIfBelow(team, HOUR, 1));
        assertEquals(Map.of("TransactWriteItems", 1), counts(requests));

        List<String> more = numbers(51, 0); // the same 50 (each at its limit now) and one more
        assertEquals(Set.of(more.get(50)), counters.countEachIfBelow(more, HOUR, 1));
        assertEquals(Map.of("TransactWriteItems", 3), counts(requests), "cancelled once, then made without the 50");
    }

    @Test
    void transactionsThatKeepConflictingFallBackToOneUpdatePerNumber() {
        Requests once = new Requests(1);
        List<String> three = numbers(3, 100);
        assertEquals(Set.copyOf(three), counters(once).countEachIfBelow(three, HOUR, 5));
        assertEquals(Map.of("TransactWriteItems", 2), counts(once), "a conflict is tried again");

        Requests always = new Requests(Integer.MAX_VALUE);
        assertEquals(Set.copyOf(three), counters(always).countEachIfBelow(three, HOUR, 5));
        assertEquals(Map.of("TransactWriteItems", 3, "UpdateItem", 3), counts(always));
        assertTrue(counters(new Requests(0)).countIfBelow(three.get(0), HOUR, 3), "counted twice so far");
        assertEquals(Set.of(three.get(1), three.get(2)), counters(new Requests(0)).countEachIfBelow(three, HOUR, 3),
                "the first is at 3 now; the fallback counted each once");
    }

    private static Map<String, Integer> counts(Requests requests) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        requests.byOperation.forEach((op, n) -> counts.put(op, n.get()));
        return counts;
    }
}
