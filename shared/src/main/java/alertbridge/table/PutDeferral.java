package alertbridge.table;

import static alertbridge.table.TableKeys.TYPE;

import alertbridge.log.JsonLog;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What becomes of a put the table did not take ({@link StoreUnavailable}): deferred to the {@link WriteBehind} if one
 * is configured (and logged), else the failure stands; a write-behind that fails too is added to it, suppressed.
 */
final class PutDeferral {
    private static final JsonLog WRITES_LOG = JsonLog.forComponent("table");
    private final Optional<WriteBehind> writeBehind;

    PutDeferral(Optional<WriteBehind> writeBehind) {
        this.writeBehind = writeBehind;
    }

    /** @param ifAbsent written later only if no item has its key */
    void deferOrThrow(StoreUnavailable failure, Map<String, AttributeValue> item, boolean ifAbsent) {
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
}
