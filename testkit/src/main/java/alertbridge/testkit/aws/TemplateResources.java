package alertbridge.testkit.aws;

import alertbridge.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates AWS resources exactly as template.yaml declares them, so tests and the local runner never repeat a schema
 * by hand: the one AWS::DynamoDB::Table (attributes, key schema, global secondary indexes, billing mode), every
 * AWS::SQS::Queue (message retention, visibility timeout, redrive policy to its dead-letter queue) and every AWS::SNS::Topic.
 */
public final class TemplateResources {
    private TemplateResources() {
    }

    public static void createTable(DynamoDbClient dynamo, String tableName) {
        JsonNode props = single("AWS::DynamoDB::Table").get("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : props.get("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(a.get("AttributeName").asText())
                    .attributeType(a.get("AttributeType").asText())
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode index : props.path("GlobalSecondaryIndexes")) {
            JsonNode projection = index.get("Projection");
            List<String> nonKey = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.get("IndexName").asText())
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(projection.get("ProjectionType").asText())
                            .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey)
                            .build())
                    .build());
        }
        dynamo.createTable(b -> b.tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(props.get("KeySchema")))
                .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                .billingMode(BillingMode.fromValue(props.get("BillingMode").asText())));
    }

    /**
     * Creates every queue of the template, named {@code prefix + logical id}.
     *
     * @return queue URL by logical id
     */
    public static Map<String, String> createQueues(SqsClient sqs, String prefix) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, JsonNode> queues = resources("AWS::SQS::Queue");
        queues.forEach((id, queue) -> {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            JsonNode props = queue.path("Properties");
            if (!props.path("MessageRetentionPeriod").isMissingNode()) {
                attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, props.path("MessageRetentionPeriod").asText());
            }
            if (!props.path("VisibilityTimeout").isMissingNode()) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, props.path("VisibilityTimeout").asText());
            }
            urls.put(id, sqs.createQueue(b -> b.queueName(prefix + id).attributes(attributes)).queueUrl());
        });
        // the redrive policies once every queue exists: !GetAtt <DeadLetterQueue>.Arn reads as "<DeadLetterQueue>.Arn"
        queues.forEach((id, queue) -> {
            JsonNode redrive = queue.path("Properties").path("RedrivePolicy");
            if (redrive.isMissingNode()) {
                return;
            }
            String target = redrive.path("deadLetterTargetArn").asText().replaceFirst("\\.Arn$", "");
            String targetArn = sqs.getQueueAttributes(b -> b.queueUrl(urls.get(target))
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String policy = "{\"deadLetterTargetArn\":\"" + targetArn + "\",\"maxReceiveCount\":"
                    + redrive.path("maxReceiveCount").asInt() + "}";
            sqs.setQueueAttributes(b -> b.queueUrl(urls.get(id)).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
        });
        return urls;
    }

    /**
     * Creates every topic of the template, named {@code prefix + logical id}.
     *
     * @return topic ARN by logical id
     */
    public static Map<String, String> createTopics(SnsClient sns, String prefix) {
        Map<String, String> arns = new LinkedHashMap<>();
        resources("AWS::SNS::Topic").keySet().forEach(id -> arns.put(id, sns.createTopic(b -> b.name(prefix + id)).topicArn()));
        return arns;
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : schema) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(k.get("AttributeName").asText())
                    .keyType(k.get("KeyType").asText())
                    .build());
        }
        return keys;
    }

    /** The template's one resource of this type. */
    public static JsonNode single(String type) {
        Map<String, JsonNode> found = resources(type);
        if (found.size() != 1) {
            throw new IllegalStateException("template.yaml has " + found.size() + " resources of type " + type + ", expected one");
        }
        return found.values().iterator().next();
    }

    /** The template's resources of this type, by logical id, in template order. */
    public static Map<String, JsonNode> resources(String type) {
        JsonNode template;
        try {
            template = new ObjectMapper(new YAMLFactory()).readTree(RepoRoot.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.get("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }
}
