package alertbridge.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The moto launcher: a real server on loopback that serves the four services and stops when told, and the Python it needs. */
class MotoServerTest {
    @Test
    void servesDynamoDbSsmSqsAndSnsOnLoopbackAndStopsWhenClosed(@TempDir Path dir) {
        MotoServer moto = MotoServer.start(dir.resolve("moto.log"));
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        try (DynamoDbClient dynamo = moto.dynamoDb(); SsmClient ssm = moto.ssm(); SqsClient sqs = moto.sqs();
             var sns = moto.sns()) {
            TemplateResources.createTable(dynamo, "t");
            assertEquals("ACTIVE", dynamo.describeTable(b -> b.tableName("t")).table().tableStatusAsString());
            ssm.putParameter(b -> b.name("/x/secret").value("s3cret").type("SecureString"));
            assertEquals("s3cret", ssm.getParameter(b -> b.name("/x/secret").withDecryption(true)).parameter().value());
            Map<String, String> queues = TemplateResources.createQueues(sqs, "p-");
            assertTrue(queues.get("AlertTopicDeadLetterQueue").endsWith("/p-AlertTopicDeadLetterQueue"), queues.toString());
            assertTrue(TemplateResources.createTopics(sns, "p-").get("AlertTopic").endsWith(":p-AlertTopic"));

            moto.close();
            assertThrows(SdkClientException.class, () -> ssm.getParameter(b -> b.name("/x/secret")), "stopped");
        }
    }

    @Test
    void aMissingPython3IsOneLineNamingWhatToInstall(@TempDir Path bin) throws Exception {
        // a PATH with the tools the script needs but no python3
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname").toRealPath());
        ProcessBuilder missing = new ProcessBuilder("/bin/bash", RepoRoot.resolve("local/python-env").toString());
        missing.environment().put("PATH", bin.toString());
        Process run = missing.redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, run.waitFor());
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.startsWith("alertbridge: Python 3.10+ is needed for moto") && output.contains("install python3"), output);
    }
}
