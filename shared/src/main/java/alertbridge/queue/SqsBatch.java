package alertbridge.queue;

import alertbridge.log.JsonLog;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * An SQS-triggered function's batch, answered with partial failures (the template's {@code ReportBatchItemFailures}):
 * a message its handler returns false for, or throws on, is a batch item failure, so SQS delivers it again after the
 * visibility timeout and, after the queue's maxReceiveCount, keeps it in the dead-letter queue; the others are done.
 */
public final class SqsBatch {
    private static final JsonLog LOG = JsonLog.forComponent("sqs-batch");

    private SqsBatch() {
    }

    /** Each message in turn (a round's steps, deferred writes). */
    public static SQSBatchResponse eachInTurn(SQSEvent event, Predicate<SQSEvent.SQSMessage> handle) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages(event)) {
            if (!handled(message, handle)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Every message at once, one virtual thread each (deliveries: a receiver that hangs delays only its own). */
    public static SQSBatchResponse allAtOnce(SQSEvent event, Predicate<SQSEvent.SQSMessage> handle) {
        List<SQSEvent.SQSMessage> messages = messages(event);
        List<Future<Boolean>> done = new ArrayList<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            messages.forEach(m -> done.add(each.submit(() -> handled(m, handle))));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!done.get(i).resultNow()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static List<SQSEvent.SQSMessage> messages(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static boolean handled(SQSEvent.SQSMessage message, Predicate<SQSEvent.SQSMessage> handle) {
        try {
            return handle.test(message);
        } catch (RuntimeException e) {
            LOG.error("sqs_message_failed", "messageId", message.getMessageId(), "error", e.getClass().getSimpleName());
            return false;
        }
    }
}
