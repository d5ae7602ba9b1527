package alertbridge.table;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes that were deferred ({@link WriteBehind}), made now: each as it would have been made at the time. */
public final class DeferredWrites {
    private final IncidentTable table;

    DeferredWrites(IncidentTable table) {
        this.table = table;
    }

    /**
     * Writes {@code item}; one written "if absent" that exists already counts as written (idempotent: a redelivered
     * message, or a later write that got there first).
     *
     * @return true if written now, false if it was there already
     * @throws StoreUnavailable when the table still cannot take it (the caller keeps it for later)
     */
    public boolean write(Map<String, AttributeValue> item, boolean ifAbsent) {
        return table.writeNow(item, ifAbsent);
    }
}
