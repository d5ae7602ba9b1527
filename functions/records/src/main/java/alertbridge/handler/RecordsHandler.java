package alertbridge.handler;

import alertbridge.config.AwsClients;
import alertbridge.config.Settings;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.table.IncidentStore;
import alertbridge.table.StoreUnavailable;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The records queue: writes the incidents table could not take when they were made (an outage), written now, each
 * as it would have been then ({@link alertbridge.table.DeferredWrites}). One the table still refuses is a batch item
 * failure: SQS delivers it again after the visibility timeout, and after the queue's maxReceiveCount keeps it in the
 * dead-letter queue; so is a message that is not a deferred write, so a person can read it.
 */
public final class RecordsHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("records-handler");
    private final IncidentStore store;
    private final Settings settings;

    /** Lambda's constructor: real clients, built once per container. */
    public RecordsHandler() {
        this(Settings.fromEnvironment(), AwsClients.dynamoDb());
        Priming.register(this);
    }

    /** The same handler over a given client: for tests and the local runner ({@code local/}). */
    public RecordsHandler(Settings settings, DynamoDbClient dynamo) {
        // no write-behind here: a write that fails stays on the queue
        this.store = new IncidentStore(dynamo, settings.tableName(), settings.retention());
        this.settings = settings;
    }

    /** As the local runner builds every handler. */
    public RecordsHandler(Settings settings, alertbridge.config.ParameterSource parameters, DynamoDbClient dynamo) {
        this(settings, dynamo);
    }

    /**
     * SnapStart, before the snapshot: the SDK's and our own request paths without any effect outside the process
     * ({@link Priming}) and the queue's message format; no message is handled here (each is a write).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("RecordsFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("deferred_write", PrimingSteps::deferredWrite));
    }

    /** SnapStart, after a restore: fresh randomness (this function holds no parameters and no Twilio client). */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("RecordsFunction");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            Optional<SqsWriteBehind.Deferred> deferred = SqsWriteBehind.parse(message.getBody());
            if (deferred.isEmpty()) {
                LOG.error("not_a_deferred_write", "messageId", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            String type = deferred.get().item().containsKey("type") ? deferred.get().item().get("type").s() : "";
            try {
                boolean written = store.deferred().write(deferred.get().item(), deferred.get().ifAbsent());
                LOG.info(written ? "deferred_write_made" : "deferred_write_already_there", "messageId", message.getMessageId(),
                        "type", type);
            } catch (StoreUnavailable e) {
                LOG.warn("deferred_write_failed", "messageId", message.getMessageId(), "type", type, "error", e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
