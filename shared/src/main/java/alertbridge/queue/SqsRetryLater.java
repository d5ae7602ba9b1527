package alertbridge.queue;

import alertbridge.log.JsonLog;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hides a message that is to be tried again for its backoff delay (ChangeMessageVisibility, the delay chosen by its
 * ApproximateReceiveCount); if that fails, it comes back after the queue's visibility timeout anyway.
 */
public final class SqsRetryLater {
    private static final JsonLog LOG = JsonLog.forComponent("sqs-retry");
    private final SqsClient sqs;
    private final Optional<String> queueUrl;
    private final IntFunction<Duration> delayByReceives;

    /** @param sqs null or {@code queueUrl} empty: nothing is hidden (a test without queues) */
    public SqsRetryLater(SqsClient sqs, Optional<String> queueUrl, IntFunction<Duration> delayByReceives) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.delayByReceives = delayByReceives;
    }

    public void hide(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        int receives = parseOr(attributes.get("ApproximateReceiveCount"), 1);
        Duration delay = delayByReceives.apply(receives);
        if (queueUrl.isEmpty() || sqs == null || message.getReceiptHandle() == null) {
            return;
        }
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl.get()).receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout((int) delay.toSeconds()));
            LOG.info("event_retry_later", "messageId", message.getMessageId(), "receives", receives, "retryInSeconds", delay.toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("event_backoff_not_set", "messageId", message.getMessageId(), "error", e.getClass().getSimpleName());
        }
    }

    private static int parseOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
