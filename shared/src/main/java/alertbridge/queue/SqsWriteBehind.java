package alertbridge.queue;

import alertbridge.config.Settings;
import alertbridge.table.WriteBehind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Writes the table could not take, kept on the records queue (SQS, with a dead-letter queue) until the records
 * function writes them: {@code {"item": <DynamoDB JSON>, "ifAbsent": true}}. SQS keeps a message up to its retention
 * (4 days by default, here 4); the function retries one the table still refuses until the queue's maxReceiveCount,
 * then it waits in the dead-letter queue (14 days) to be redriven.
 */
public final class SqsWriteBehind implements WriteBehind {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One deferred write, as read back from the queue. */
    public record Deferred(Map<String, AttributeValue> item, boolean ifAbsent) {
    }

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWriteBehind(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The records queue of {@code RECORDS_QUEUE_URL}; empty when it is not set (a failed write then fails). */
    public static Optional<WriteBehind> of(Settings settings, SqsClient sqs) {
        return sqs == null ? Optional.empty() : settings.recordsQueueUrl().map(url -> new SqsWriteBehind(sqs, url));
    }

    @Override
    public void defer(Map<String, AttributeValue> item, boolean ifAbsent) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(item, ifAbsent)));
    }

    public static String body(Map<String, AttributeValue> item, boolean ifAbsent) {
        ObjectNode body = JSON.createObjectNode();
        body.set("item", ItemJson.write(item));
        body.put("ifAbsent", ifAbsent);
        return body.toString();
    }

    /** @return empty when {@code body} is not a deferred write this code made */
    public static Optional<Deferred> parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("ifAbsent").isBoolean()) {
                return Optional.empty();
            }
            Map<String, AttributeValue> item = ItemJson.read(node.get("item"));
            if (!item.containsKey("pk") || !item.containsKey("sk")) {
                return Optional.empty();
            }
            return Optional.of(new Deferred(item, node.get("ifAbsent").asBoolean()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
