package alertbridge.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Real DynamoDB Local, in-process, with the incident table from template.yaml. One per test class. */
public final class LocalDynamoDb implements AutoCloseable {
    private final AmazonDynamoDBLocal server;
    private final DynamoDbClient client;
    private final String tableName;

    public LocalDynamoDb() {
        this.server = DynamoDBEmbedded.create(true);
        this.client = server.dynamoDbClient();
        this.tableName = "incidents-" + UUID.randomUUID();
        TemplateTable.create(client, tableName);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
