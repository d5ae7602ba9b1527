package alertbridge.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One user's corner of the JVM's moto server ({@link MotoServer#shared()}): an incident table created from
 * template.yaml, an SSM parameter path, and on request the template's queues and topics. For a test class,
 * {@code @RegisterExtension static final LocalAws aws = new LocalAws();} takes fresh names, so test classes sharing
 * the server never see each other's items or parameters; after the class's tests it deletes what it created and
 * closes its clients (the server stays up for the next class). The local runner names its own.
 */
public final class LocalAws implements AfterAllCallback, AutoCloseable {
    private final MotoServer moto;
    private final DynamoDbClient dynamo;
    private final SsmClient ssm;
    private final String tableName;
    private final String parameterPath;

    private final List<String> queueUrls = new ArrayList<>();
    private SqsClient sqs;
    private SnsClient sns;

    /** Fresh names: table {@code incidents-<uuid>}, parameters under {@code /alertbridge-test/<id>}. */
    public LocalAws() {
        this("incidents-" + UUID.randomUUID(), "/alertbridge-test/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** These names; a table of this name left by an earlier user in this JVM is replaced. */
    public LocalAws(String tableName, String parameterPath) {
        this.moto = MotoServer.shared();
        this.dynamo = moto.dynamoDb();
        this.ssm = moto.ssm();
        this.tableName = tableName;
        this.parameterPath = parameterPath;
        deleteTable();
        TemplateResources.createTable(dynamo, tableName);
    }

    /** Creates the template's queues ({@code prefix + logical id}), deleted on close; @return URL by logical id. */
    public synchronized Map<String, String> createQueues(String prefix) {
        Map<String, String> urls = TemplateResources.createQueues(sqs(), prefix);
        queueUrls.addAll(urls.values());
        return urls;
    }

    /** Creates the template's topics ({@code prefix + logical id}); @return ARN by logical id. */
    public synchronized Map<String, String> createTopics(String prefix) {
        if (sns == null) {
            sns = moto.sns();
        }
        return TemplateResources.createTopics(sns, prefix);
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = moto.sqs();
        }
        return sqs;
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

    /**
     * What a deployed stack reads under its {@code ParameterPath} (README, "Deploy"): Twilio's account SID and caller
     * number and the rosters ({@code teams/<name>}) as Strings, the Twilio auth token and the alert tokens as
     * SecureStrings.
     */
    public void putStackParameters(String accountSid, String authToken, String callerNumber, String alertTokens,
                                   Map<String, String> rosters) {
        putParameter("twilio/account-sid", accountSid);
        putParameter("twilio/caller-number", callerNumber);
        putSecret("twilio/auth-token", authToken);
        putSecret("alert-tokens", alertTokens);
        rosters.forEach((team, members) -> putParameter("teams/" + team, members));
    }

    private void put(String name, String value, ParameterType type) {
        ssm.putParameter(b -> b.name(parameterPath + "/" + name).value(value).type(type).overwrite(true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        deleteTable();
        for (String url : queueUrls) {
            try {
                sqs.deleteQueue(b -> b.queueUrl(url));
            } catch (RuntimeException e) {
                // gone already
            }
        }
        dynamo.close();
        ssm.close();
        if (sqs != null) {
            sqs.close();
        }
        if (sns != null) {
            sns.close();
        }
    }

    private void deleteTable() {
        try {
            dynamo.deleteTable(b -> b.tableName(tableName));
        } catch (ResourceNotFoundException e) {
            // not there
        }
    }
}
