package alertbridge.local;

import alertbridge.queue.SqsRoundQueue;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's SQS event sources, locally, as Lambda's event source mapping runs them: one poller per function and
 * queue long-polls the queue in the local AWS (so SQS's per-message timers hold each message until it is due), invokes
 * the function with the event Lambda sends (the shape of {@code events/rounds-step.json}, turned into
 * {@link SQSEvent} by the Lambda runtime's own serializer), and deletes what succeeded. A message in the batch item
 * failures, or every message of a batch whose invocation threw, stays in the queue and is delivered again after the
 * queue's visibility timeout (times the speed factor, as the simulator scales time); the queue's redrive policy moves
 * it to the dead-letter queue after {@code maxReceiveCount} receives, as in AWS.
 */
public final class LocalQueues implements AutoCloseable {
    /** One function consuming one queue, and how to build its handler. */
    public record Consumer(SamTemplate.Function function, SamTemplate.QueueSource source, String queueUrl,
                           Supplier<RequestHandler<SQSEvent, ?>> containers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PojoSerializer<SQSEvent> events = LambdaEventSerializers.serializerFor(SQSEvent.class, LocalQueues.class.getClassLoader());
    private final SqsClient sqs;
    private final double speed;
    private final Narrator narrator;
    private final List<Thread> pollers = new ArrayList<>();
    private final Set<String> delayedByHandler;
    private final RoundSteps steps;
    private volatile boolean stopping;

    /**
     * @param narrator         told when a round starts or reaches its deadline
     * @param delayedByHandler receipt handles whose visibility the handler itself set (a retry's backoff): a failed
     *                         one keeps that delay
     * @param steps            told of each round step the function finished (its message deleted) or failed
     */
    public LocalQueues(SqsClient sqs, List<Consumer> consumers, double speed, Narrator narrator, Set<String> delayedByHandler,
                       RoundSteps steps) {
        this.sqs = sqs;
        this.steps = steps;
        this.delayedByHandler = delayedByHandler;
        this.speed = speed;
        this.narrator = narrator;
        for (Consumer consumer : consumers) {
            pollers.add(Thread.ofVirtual().name("sqs-" + consumer.function().logicalId()).start(() -> poll(consumer)));
        }
    }

    private void poll(Consumer consumer) {
        RequestHandler<SQSEvent, ?> handler = null;
        int visibility = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(consumer.queueUrl())
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(consumer.queueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        while (!stopping) {
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(b -> b.queueUrl(consumer.queueUrl()).maxNumberOfMessages(consumer.source().batchSize())
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                pause(1000);
                continue;
            }
            if (batch.isEmpty()) {
                continue;
            }
            if (handler == null) {
                handler = consumer.containers().get();
            }
            batch.forEach(this::narrate);
            Set<String> failed = invoke(consumer, handler, batch, queueArn);
            for (Message m : batch) {
                boolean handlerDelayed = delayedByHandler.remove(m.receiptHandle());
                if (failed.contains(m.messageId())) {
                    steps.failed(consumer.queueUrl(), m.body());
                    if (!handlerDelayed) { // else hidden for the handler's own backoff, as Lambda leaves it
                        int retryAfter = (int) Math.max(1, Math.round(visibility * speed));
                        sqs.changeMessageVisibility(b -> b.queueUrl(consumer.queueUrl()).receiptHandle(m.receiptHandle())
                                .visibilityTimeout(retryAfter));
                    }
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(consumer.queueUrl()).receiptHandle(m.receiptHandle()));
                    steps.processed(consumer.queueUrl(), m.body());
                }
            }
        }
    }

    private void narrate(Message message) {
        SqsRoundQueue.parse(message.body()).ifPresent(step -> {
            switch (step.kind()) {
                case DIAL -> narrator.round(step.incidentId(), "round " + step.round() + " is due");
                case END, CHECK -> {
                    // a deadline usually finds its round long over, and a check comes with every callback: not news
                }
            }
        });
    }

    /** @return the ids of the messages to deliver again */
    private Set<String> invoke(Consumer consumer, RequestHandler<SQSEvent, ?> handler, List<Message> batch, String queueArn) {
        Set<String> all = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        try {
            Object result = handler.handleRequest(events.fromJson(JSON.writeValueAsString(event(batch, queueArn))),
                    new LocalApi.LocalContext(consumer.function(), UUID.randomUUID().toString()));
            if (consumer.source().reportsFailures() && result instanceof SQSBatchResponse response
                    && response.getBatchItemFailures() != null) {
                return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
            }
            return Set.of();
        } catch (RuntimeException | JsonProcessingException e) {
            System.err.println("{\"level\":\"ERROR\",\"component\":\"local-queues\",\"event\":\"function_failed\",\"function\":\""
                    + consumer.function().logicalId() + "\",\"error\":\"" + e.getClass().getName() + "\"}");
            return all;
        }
    }

    /** The event Lambda's SQS event source sends for a batch. */
    private static Map<String, Object> event(List<Message> batch, String queueArn) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message m : batch) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.put("attributes", attributes);
            record.put("messageAttributes", Map.of());
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
            records.add(record);
        }
        return Map.of("Records", records);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping = true;
        for (Thread t : pollers) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
