package alertbridge.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import alertbridge.incident.IncidentRepository;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real DynamoDB Local, in-process, with the incident table from template.yaml. One per test class:
 * {@code @RegisterExtension static final LocalDynamoDb dynamo = new LocalDynamoDb();} starts it and closes it
 * after the class's tests.
 */
public final class LocalDynamoDb implements AutoCloseable, AfterAllCallback {
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

    /** The repository over this table, with the template's default retention. */
    public IncidentRepository repository() {
        return new IncidentRepository(client, tableName, Duration.ofDays(90));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
