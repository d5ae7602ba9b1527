package alertbridge.table;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Whole items put {@value #MAX_BATCH} to a request ({@code BatchWriteItem}) for {@link IncidentTable#putAll}: what the
 * table leaves unprocessed is sent again twice, and what it still could not take (or all, when it is unavailable) goes
 * to the {@link PutDeferral}, as a single put's would.
 */
final class BatchPuts {
    /** DynamoDB's most items in one {@code BatchWriteItem}. */
    static final int MAX_BATCH = 25;
    private final DynamoDbClient dynamo;
    private final String name;
    private final TableCalls calls;
    private final PutDeferral deferral;

    BatchPuts(DynamoDbClient dynamo, String name, TableCalls calls, PutDeferral deferral) {
        this.dynamo = dynamo;
        this.name = name;
        this.calls = calls;
        this.deferral = deferral;
    }

    /** @throws StoreUnavailable when an item could be neither written nor deferred (the other batches are still tried) */
    void putAll(List<Map<String, AttributeValue>> items) {
        StoreUnavailable notDeferred = null;
        for (int i = 0; i < items.size(); i += MAX_BATCH) {
            List<WriteRequest> left = items.subList(i, Math.min(items.size(), i + MAX_BATCH)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            StoreUnavailable failure = null;
            for (int attempt = 0; attempt < 3 && !left.isEmpty() && failure == null; attempt++) {
                List<WriteRequest> sending = left;
                try {
                    left = calls.run("batch put", () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(name, sending))))
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
                        deferral.deferOrThrow(unprocessed, w.putRequest().item(), false);
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
}
