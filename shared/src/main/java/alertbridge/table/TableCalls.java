package alertbridge.table;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How {@link IncidentTable} makes each request: a failure for want of the table (an outage, throttling, a timeout)
 * becomes {@link StoreUnavailable}; a condition that did not hold ({@link ConditionalCheckFailedException}) and a
 * request the table refuses as wrong (a validation error) pass through. After a failure for want of the table, the
 * next requests fail at once for {@link #OPEN_CIRCUIT} (a circuit breaker, per container): during an outage a request
 * that would make several table calls (an alert: dedup, rate guard, incident, calls) pays one timeout, not one per
 * call, and its writes go straight to the write-behind.
 */
final class TableCalls {
    static final Duration OPEN_CIRCUIT = Duration.ofSeconds(2);
    /** {@link System#nanoTime()} until which the circuit is open; 0: closed. */
    private volatile long circuitOpenUntil;

    <T> T run(String what, Supplier<T> request) {
        long openUntil = circuitOpenUntil;
        if (openUntil != 0 && System.nanoTime() - openUntil < 0) {
            throw new StoreUnavailable(what, new IllegalStateException("table failed a moment ago (circuit open)"));
        }
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 && !e.isThrottlingException()) {
                throw e; // the request itself is wrong (a validation error): no outage, and no retry would help
            }
            throw opened(what, e);
        } catch (SdkException e) {
            throw opened(what, e);
        }
    }

    private StoreUnavailable opened(String what, SdkException cause) {
        circuitOpenUntil = System.nanoTime() + OPEN_CIRCUIT.toNanos();
        return new StoreUnavailable(what, cause);
    }
}
