package alertbridge.testkit.aws;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A test class's own corner of the JVM's moto server ({@link MotoServer#shared()}): a fresh incident table created from
 * template.yaml and a fresh SSM parameter path, so test classes sharing the server never see each other's items or
 * parameters. {@code @RegisterExtension static final LocalAws aws = new LocalAws();} makes one per class; after the
 * class's tests it deletes the table and closes its clients (the server stays up for the next class).
 */
public final class LocalAws implements AfterAllCallback, AutoCloseable {
    private final MotoServer moto;
    private final DynamoDbClient dynamo;
    private final SsmClient ssm;
    private final String tableName;
    private final String parameterPath;

    public LocalAws() {
        this.moto = MotoServer.shared();
        this.dynamo = moto.dynamoDb();
        this.ssm = moto.ssm();
        String id = UUID.randomUUID().toString();
        this.tableName = "incidents-" + id;
        this.parameterPath = "/alertbridge-test/" + id.substring(0, 8);
        TemplateResources.createTable(dynamo, tableName);
    }

    public MotoServer moto() {
        return moto;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SsmClient ssm() {
        return ssm;
    }

    public String tableName() {
        return tableName;
    }

    /** This fixture's SSM path (the template's {@code ParameterPath}): {@code /alertbridge-test/<id>}. */
    public String parameterPath() {
        return parameterPath;
    }

    /** Creates or overwrites {@code <parameterPath>/<name>} as a String parameter (rosters, the account SID). */
    public void putParameter(String name, String value) {
        put(name, value, ParameterType.STRING);
    }

    /** Creates or overwrites {@code <parameterPath>/<name>} as a SecureString (tokens; SSM decrypts it on read). */
    public void putSecret(String name, String value) {
        put(name, value, ParameterType.SECURE_STRING);
    }

    public void putParameters(Map<String, String> values) {
        values.forEach(this::putParameter);
    }

    public void putSecrets(Map<String, String> values) {
        values.forEach(this::putSecret);
    }

    private void put(String name, String value, ParameterType type) {
        ssm.putParameter(b -> b.name(parameterPath + "/" + name).value(value).type(type).overwrite(true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            dynamo.deleteTable(b -> b.tableName(tableName));
        } catch (RuntimeException e) {
            // already gone, or the server stopped: nothing left to free
        }
        dynamo.close();
        ssm.close();
    }
}
