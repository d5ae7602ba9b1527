package alertbridge.handler;

import alertbridge.log.JsonLog;
import alertbridge.queue.SqsBatch;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.table.DeferredWrites;
import alertbridge.table.StoreUnavailable;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Optional;

/**
 * The records queue: writes the incidents table could not take when they were made (an outage), written now, each
 * as it would have been then ({@link DeferredWrites}). One the table still refuses is a batch item failure
 * ({@link SqsBatch}): delivered again, and after the queue's maxReceiveCount kept in the dead-letter queue; so is a
 * message that is not a deferred write, so a person can read it.
 */
public final class RecordsHandler extends PrimedHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.forComponent("records-handler");
    private final DeferredWrites writes;

    /** Lambda's constructor: real clients, built once per container. */
    public RecordsHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public RecordsHandler(Clients clients) {
        super(clients);
        this.writes = clients.storeWithoutWriteBehind().deferred(); // no write-behind: a write that fails stays on the queue
        clients.primes(Priming.step("deferred_write", PrimingSteps::deferredWrite));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.eachInTurn(event, message -> {
            Optional<SqsWriteBehind.Deferred> deferred = SqsWriteBehind.parse(message.getBody());
            if (deferred.isEmpty()) {
                LOG.error("not_a_deferred_write", "messageId", message.getMessageId());
                return false;
            }
            String type = deferred.get().item().containsKey("type") ? deferred.get().item().get("type").s() : "";
            try {
                boolean written = writes.write(deferred.get().item(), deferred.get().ifAbsent());
                LOG.info(written ? "deferred_write_made" : "deferred_write_already_there", "messageId", message.getMessageId(),
                        "type", type);
                return true;
            } catch (StoreUnavailable e) {
                LOG.warn("deferred_write_failed", "messageId", message.getMessageId(), "type", type, "error", e.getMessage());
                return false;
            }
        });
    }
}
