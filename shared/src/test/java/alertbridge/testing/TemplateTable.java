package alertbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * Creates a table exactly as template.yaml defines it (attributes and key schema of the one
 * AWS::DynamoDB::Table, with its global secondary indexes), so tests and the local runner never repeat the schema by hand.
 */
public final class TemplateTable {
    private TemplateTable() {
    }

    public static void create(DynamoDbClient dynamo, String tableName) {
        JsonNode table = tableResource();
        JsonNode props = table.get("Properties");
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
        dynamo.createTable(CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(props.get("KeySchema")))
                .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                .billingMode(BillingMode.fromValue(props.get("BillingMode").asText()))
                .build());
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

    public static JsonNode tableResource() {
        JsonNode template;
        try {
            template = new ObjectMapper(new YAMLFactory()).readTree(RepoRoot.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = template.get("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if ("AWS::DynamoDB::Table".equals(resource.getValue().path("Type").asText())) {
                if (found != null) {
                    throw new IllegalStateException("template.yaml has more than one table");
                }
                found = resource.getValue();
            }
        }
        if (found == null) {
            throw new IllegalStateException("template.yaml has no AWS::DynamoDB::Table");
        }
        return found;
    }
}
