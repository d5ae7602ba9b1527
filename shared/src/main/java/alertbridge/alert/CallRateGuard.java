package alertbridge.alert;

import alertbridge.phone.CalleeGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The per-number guard: one number is dialled at most {@code maxPerHour} times per clock hour (UTC), across all
 * incidents, so a leaked alert URL cannot be used to phone-bomb someone and a flapping alert cannot wake a person
 * every minute. One counter item per number and hour in the incidents table, incremented atomically:
 * <pre>
 * pk = RATE#&lt;e164&gt;   sk = &lt;yyyy-MM-ddTHH&gt;   calls (number), expiresAt (TTL)
 * </pre>
 * {@code UpdateItem ADD calls 1} with the condition {@code calls < max}: concurrent alerts cannot overshoot,
 * and a refused number is not counted. Asking counts as dialling (the number is about to be dialled).
 */
public final class CallRateGuard implements CalleeGuard {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    /** Counter items outlive their hour a little (DynamoDB's TTL deletes within days anyway). */
    private static final Duration KEEP = Duration.ofHours(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final int maxPerHour;
    private final Clock clock;

    public CallRateGuard(DynamoDbClient dynamo, String table, int maxPerHour, Clock clock) {
        if (maxPerHour < 1) {
            throw new IllegalArgumentException("MaxCallsPerNumberPerHour must be at least 1");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.maxPerHour = maxPerHour;
        this.clock = clock;
    }

    /** Counts one call to {@code e164}; refuses it (counting nothing) when the hour's limit is reached. */
    @Override
    public Optional<String> refusal(String e164) {
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("RATE#" + e164), "sk", AttributeValue.fromS(HOUR.format(hour))))
                    .updateExpression("ADD calls :one SET #type = :type, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(calls) OR calls < :max")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":max", AttributeValue.fromN(Integer.toString(maxPerHour)),
                            ":type", AttributeValue.fromS("rate"),
                            ":expires", AttributeValue.fromN(Long.toString(hour.plus(KEEP).getEpochSecond())))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of("refused: already called " + maxPerHour + " times this hour (MaxCallsPerNumberPerHour)");
        }
    }
}
