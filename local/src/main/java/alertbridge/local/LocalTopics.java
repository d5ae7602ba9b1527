package alertbridge.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The template's SNS topics, locally: publishing a message invokes every function subscribed to the topic
 * ({@code Events: Type: SNS}) with the event Lambda's SNS event source sends (the shape of
 * {@code events/payloads/cloudwatch-sns-event.json}), turned into {@link SNSEvent} by the Lambda runtime's own
 * serializer. Like Lambda's asynchronous invocation, a failed invocation is retried as often as the function's
 * {@code EventInvokeConfig} says and then dead-lettered: the event is sent to the function's {@code DeadLetterQueue},
 * a queue in the local AWS created from the template. Delivery here is synchronous, so a test or a {@code curl} sees
 * the outcome.
 */
public final class LocalTopics {
    /** Lambda waits about a minute, then two, between attempts; locally a second, times the speed factor. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /**
     * A function subscribed to a topic, how to build one more handler instance of it, and where its failed events go
     * (its dead-letter queue; the event's JSON is the message body, as Lambda sends it).
     */
    public record Subscriber(SamTemplate.Function function, Supplier<RequestHandler<SNSEvent, ?>> containers,
                             Consumer<String> deadLetterQueue) {
    }

    /** What one publish did at one subscriber: its result, or the error of its last attempt and whether it was dead-lettered. */
    public record Delivery(String function, String messageId, int attempts, Optional<String> result, Optional<String> error) {
        public boolean deadLettered() {
            return error.isPresent();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PojoSerializer<SNSEvent> events = LambdaEventSerializers.serializerFor(SNSEvent.class, LocalTopics.class.getClassLoader());
    private final Map<String, List<Subscriber>> subscribers = new LinkedHashMap<>();
    private final Map<Subscriber, RequestHandler<SNSEvent, ?>> warm = new java.util.concurrent.ConcurrentHashMap<>();
    private final double speed;
    private final Map<String, String> topicArns;

    /** @param topicArns each topic's ARN (in the local AWS) by logical id */
    public LocalTopics(List<Subscriber> subscribed, Map<String, String> topicArns, double speed) {
        this.speed = speed;
        this.topicArns = Map.copyOf(topicArns);
        for (Subscriber s : subscribed) {
            for (String topic : s.function().topics()) {
                subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The topics (logical ids) that have subscribers. */
    public List<String> topics() {
        return List.copyOf(subscribers.keySet());
    }

    /**
     * Publishes like {@code aws sns publish --topic-arn <topic> [--subject ...] --message ...}.
     *
     * @throws IllegalArgumentException when no function is subscribed to {@code topic}
     */
    public List<Delivery> publish(String topic, Optional<String> subject, String message) {
        List<Subscriber> targets = subscribers.get(topic);
        if (targets == null) {
            throw new IllegalArgumentException("no function is subscribed to a topic named '" + topic + "'; topics: " + topics());
        }
        String messageId = UUID.randomUUID().toString();
        String eventJson = event(topicArns.getOrDefault(topic, topic), messageId, subject, message);
        List<Delivery> deliveries = new ArrayList<>();
        for (Subscriber target : targets) {
            deliveries.add(deliver(target, messageId, eventJson));
        }
        return deliveries;
    }

    private Delivery deliver(Subscriber target, String messageId, String eventJson) {
        String error = null;
        int attempts = 1 + target.function().maximumRetryAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(RETRY_DELAY.multipliedBy(attempt - 1));
            }
            // one container per subscriber, one invocation at a time: Lambda's async queue, simplified
            synchronized (target) {
                RequestHandler<SNSEvent, ?> handler = warm.computeIfAbsent(target, t -> t.containers().get());
                try {
                    Object result = handler.handleRequest(events.fromJson(eventJson),
                            new LocalApi.LocalContext(target.function(), UUID.randomUUID().toString(),
                                    System.currentTimeMillis() + target.function().timeoutSeconds() * 1000L));
                    return new Delivery(target.function().logicalId(), messageId, attempt,
                            Optional.of(String.valueOf(result)), Optional.empty());
                } catch (RuntimeException e) {
                    error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    System.err.println("{\"level\":\"WARN\",\"component\":\"local-topics\",\"event\":\"invocation_failed\","
                            + "\"function\":\"" + target.function().logicalId() + "\",\"attempt\":" + attempt + "}");
                }
            }
        }
        Delivery dead = new Delivery(target.function().logicalId(), messageId, attempts, Optional.empty(), Optional.of(error));
        target.deadLetterQueue().accept(eventJson);
        return dead;
    }

    /** The event Lambda's SNS event source sends: one record, the topic's notification. */
    static String event(String topicArn, String messageId, Optional<String> subject, String message) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID());
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", messageId);
        sns.put("TopicArn", topicArn);
        if (subject.isPresent()) {
            sns.put("Subject", subject.get());
        } else {
            sns.putNull("Subject");
        }
        sns.put("Message", message);
        sns.put("Timestamp", Instant.now().toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "local");
        sns.put("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/local.pem");
        sns.put("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        sns.putObject("MessageAttributes");
        return root.toString();
    }

    /**
     * {@code POST /_local/topics/<TopicLogicalId>?subject=...} with the message as the body: publishes it and answers
     * with the deliveries (local only; the deployed stack has no such route).
     */
    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String topic = exchange.getRequestURI().getPath().replaceFirst("^/_local/topics/?", "");
            String subject = null;
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("subject=")) {
                        subject = URLDecoder.decode(pair.substring("subject=".length()), StandardCharsets.UTF_8);
                    }
                }
            }
            String message = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            Object body;
            if (!"POST".equals(exchange.getRequestMethod()) || !subscribers.containsKey(topic)) {
                status = 404;
                body = Map.of("error", "unknown_topic", "detail", "POST a message to /_local/topics/<topic>; topics: " + topics());
            } else {
                List<Delivery> deliveries = publish(topic, Optional.ofNullable(subject), message);
                status = deliveries.stream().anyMatch(Delivery::deadLettered) ? 502 : 200;
                body = Map.of("deliveries", deliveries.stream().map(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("function", d.function());
                    m.put("messageId", d.messageId());
                    m.put("attempts", d.attempts());
                    m.put("result", d.result().orElse(null));
                    m.put("deadLettered", d.deadLettered());
                    m.put("error", d.error().orElse(null));
                    return m;
                }).toList());
            }
            LocalApi.send(exchange, status, Map.of("Content-Type", "application/json"), JSON.writeValueAsString(body));
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, (long) (d.toMillis() * speed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
