package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.aws.BlackHole;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * An AWS endpoint that accepts connections and never answers: every call of a client built with the production
 * settings ({@link AwsClients#bounded}) fails within its bound instead of holding the invocation. The measured
 * times are printed; the assertion on them is only a generous upper bound (a loaded CI machine is slow).
 */
class AwsClientsTimeoutTest {
    private static final Duration GENEROUS = Duration.ofSeconds(15);
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static BlackHole blackHole;

    /** A loopback server that accepts every connection and holds it, silent, until the tests end. */
    @BeforeAll
    static void openBlackHole() {
        blackHole = new BlackHole();
    }

    @AfterAll
    static void closeBlackHole() {
        blackHole.close();
    }

    private static URI endpoint() {
        return blackHole.endpoint();
    }

    /** How long the call took to fail, after asserting it failed with an SDK exception within the generous bound. */
    private static Duration failsWithinBound(String what, Runnable call) {
        long start = System.nanoTime();
        SdkException failure = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(SdkException.class, call::run),
                what + " was not bounded");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s against a silent endpoint failed after %d ms with %s (attempt %s, call %s)%n", what,
                took.toMillis(), failure.getClass().getSimpleName(), AwsClients.ATTEMPT_TIMEOUT, AwsClients.CALL_TIMEOUT);
        return took;
    }

    @Test
    void aDynamoDbReadFromASilentEndpointFailsWithinTheBound() {
        try (DynamoDbClient dynamo = AwsClients.bounded(DynamoDbClient.builder())
                .endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            Duration took = failsWithinBound("DynamoDB GetItem", () -> dynamo.getItem(b -> b.tableName("incidents")
                    .key(Map.of("pk", AttributeValue.fromS("INCIDENT#x"), "sk", AttributeValue.fromS("META")))));
            assertTrue(took.compareTo(GENEROUS) < 0, took.toString());
        }
    }

    @Test
    void ssmAndSqsCallsFromASilentEndpointFailWithinTheBound() {
        try (SsmClient ssm = AwsClients.bounded(SsmClient.builder())
                .endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
             SqsClient sqs = AwsClients.bounded(SqsClient.builder())
                     .endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            failsWithinBound("SSM GetParameters", () -> ssm.getParameters(b -> b.names("/alertbridge/x").withDecryption(true)));
            failsWithinBound("SQS SendMessage", () -> sqs.sendMessage(b -> b.queueUrl(endpoint() + "/000000000000/rounds")
                    .messageBody("{}")));
        }
    }

    @Test
    void boundingABuilderKeepsWhatItAlreadyHad() {
        ExecutionInterceptor interceptor = new ExecutionInterceptor() {
        };
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor).putHeader("x-seen", "1"));
        var override = AwsClients.bounded(builder).overrideConfiguration();
        assertEquals(List.of(interceptor), override.executionInterceptors());
        assertEquals(Map.of("x-seen", List.of("1")), override.headers());
        assertEquals(Optional.of(AwsClients.CALL_TIMEOUT), override.apiCallTimeout());
        assertEquals(Optional.of(AwsClients.ATTEMPT_TIMEOUT), override.apiCallAttemptTimeout());
    }

    /** The tests' and the local stack's clients (testkit's MotoServer) carry production's bounds, times its slowdown. */
    @Test
    void theLocalStacksClientsHaveTheProductionBoundsTimesTheStandInsSlowdown() {
        Function<ClientOverrideConfiguration, List<Optional<Duration>>> bounds =
                c -> List.of(c.apiCallAttemptTimeout(), c.apiCallTimeout());
        assertEquals(List.of(Optional.of(AwsClients.ATTEMPT_TIMEOUT), Optional.of(AwsClients.CALL_TIMEOUT)),
                bounds.apply(AwsClients.timeouts()));
        List<Optional<Duration>> local = List.of(Optional.of(AwsClients.ATTEMPT_TIMEOUT.multipliedBy(MotoServer.SLOWDOWN)),
                Optional.of(AwsClients.CALL_TIMEOUT.multipliedBy(MotoServer.SLOWDOWN)));
        assertEquals(local, bounds.apply(AWS.dynamo().serviceClientConfiguration().overrideConfiguration()));
        assertEquals(local, bounds.apply(AWS.ssm().serviceClientConfiguration().overrideConfiguration()));
        assertEquals(local, bounds.apply(AWS.sqs().serviceClientConfiguration().overrideConfiguration()));
        try (SqsClient intercepted = AWS.moto().sqs(new ExecutionInterceptor() {
        })) { // the local runner's: scaled message timers
            assertEquals(local, bounds.apply(intercepted.serviceClientConfiguration().overrideConfiguration()));
        }
    }
}
