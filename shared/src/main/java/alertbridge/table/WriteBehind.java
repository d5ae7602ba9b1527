package alertbridge.table;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an item goes that the table could not take now, to be written when it is back: in AWS, the records queue
 * (SQS, with a dead-letter queue) and the function that drains it. Every deferred write is idempotent and
 * order-independent: an item written "if absent" is written with the same condition later (already there counts as
 * written), any other item is a whole item put again.
 */
public interface WriteBehind {
    /**
     * @param ifAbsent written only if no item has its key (a join, a callback, a new incident)
     * @throws RuntimeException when it could not be deferred either
     */
    void defer(Map<String, AttributeValue> item, boolean ifAbsent);
}
