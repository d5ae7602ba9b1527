package alertbridge.config;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * AWS SDK clients for a Lambda container, built once in the init phase: URL-connection HTTP client (no Apache,
 * no Netty), region and credentials from the Lambda environment, no provider-chain probing ({@link #credentials}).
 * Endpoints can be pointed at local stand-ins with the SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB} /
 * {@code AWS_ENDPOINT_URL_SSM} environment variables.
 *
 * <h2>Every call is bounded</h2>
 * The SDK's defaults wait 30 s on a silent socket and retry a DynamoDB call up to 8 times, so an endpoint that accepts
 * connections and never answers held {@code /alert} and {@code /join_conference} past their Lambda timeouts (28 s,
 * 10 s) and Twilio's 15 s wait for TwiML. Our calls are single-item reads and writes, one SSM read of a few small
 * parameters, one SQS send: tens of milliseconds in the region. {@link #bounded} (every client here, and through
 * testkit's {@code MotoServer} the local stack's and the tests', there times its {@code SLOWDOWN}) sets:
 * <ul>
 *   <li>{@link #CONNECT_TIMEOUT} {@value #CONNECT_MILLIS} ms to open a connection;</li>
 *   <li>{@link #ATTEMPT_TIMEOUT} {@value #ATTEMPT_MILLIS} ms for one attempt (request sent, response read), and
 *       {@link #SOCKET_TIMEOUT} {@value #SOCKET_MILLIS} ms of silence on a socket as its backstop. Far above an
 *       in-region answer, a cold container's first call (TLS, class loading) and the local stand-in under a burst
 *       (moto answers 100 concurrent conditional writes within about 1 s), so in practice only a dead connection
 *       (a pooled one that died while the container was frozen, a black-holed endpoint) reaches it. That matters:
 *       a conditional write retried after a timed-out attempt may find its own first write and report a
 *       conflict;</li>
 *   <li>{@link #CALL_TIMEOUT} {@value #CALL_MILLIS} ms for the whole call, every retry and backoff included,
 *       whatever the SDK's retry policy: after a dead connection, half a second for a retry on a fresh one
 *       (connect, TLS and the request take about 0.1 s in the region); fast failures (throttling, 5xx) are still
 *       retried within it. A key press makes three table calls in a row (incident, call, join), so even a hung
 *       table leaves {@code /join_conference} time to answer within its 10 s and Twilio's 15 s; what could not
 *       be written is its callers' to handle (the page gets through).</li>
 * </ul>
 */
public final class AwsClients {
    static final long CONNECT_MILLIS = 1000;
    static final long SOCKET_MILLIS = 2000;
    static final long ATTEMPT_MILLIS = 2000;
    static final long CALL_MILLIS = 2500;
    /** Longest wait to open a connection to the endpoint. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(CONNECT_MILLIS);
    /** Longest silence on an open connection. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofMillis(SOCKET_MILLIS);
    /** Longest single attempt (one HTTP request and its response). */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(ATTEMPT_MILLIS);
    /** Longest call, all attempts and the backoff between them. */
    public static final Duration CALL_TIMEOUT = Duration.ofMillis(CALL_MILLIS);

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return bounded(DynamoDbClient.builder())
                .region(region())
                .credentialsProvider(credentials())
                .build();
    }

    public static SsmClient ssm() {
        return bounded(SsmClient.builder())
                .region(region())
                .credentialsProvider(credentials())
                .build();
    }

    public static SqsClient sqs() {
        return bounded(SqsClient.builder())
                .region(region())
                .credentialsProvider(credentials())
                .build();
    }

    /**
     * Where the execution role's credentials are, chosen once without probing. A SnapStart function gets none in
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}: its Java runtime serves them
     * from the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, with
     * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), so that credentials fetched before the snapshot are not frozen into
     * it (docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html, "Using SnapStart with AWS SDKs"); the SDK's
     * {@link ContainerCredentialsProvider} fetches them on first use and again before they expire. Without SnapStart,
     * Lambda sets the environment variables.
     */
    public static AwsCredentialsProvider credentials() {
        return credentials(System.getenv());
    }

    static AwsCredentialsProvider credentials(Map<String, String> env) {
        String endpoint = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        return endpoint != null && !endpoint.isBlank()
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }

    /**
     * The bounds of every call (see the class comment) on any synchronous client builder: the URL-connection HTTP
     * client with {@link #CONNECT_TIMEOUT} and {@link #SOCKET_TIMEOUT}, and {@link #timeouts()} added to the
     * builder's override configuration (its interceptors and other settings are kept).
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B bounded(B builder) {
        return bounded(builder, 1);
    }

    /**
     * {@link #bounded(AwsClientBuilder)} with every bound {@code slowdown} times longer: for an endpoint slower than
     * AWS by design, the local stand-in (testkit's {@code MotoServer} applies DynamoDB requests one at a time, so a
     * burst queues for seconds). Still bounded, so a stand-in that hangs never holds a handler for ever.
     *
     * @param slowdown 1 for AWS itself
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B bounded(B builder, int slowdown) {
        if (slowdown < 1) {
            throw new IllegalArgumentException("slowdown must be 1 or more: " + slowdown);
        }
        ClientOverrideConfiguration current = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder override = current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT.multipliedBy(slowdown))
                        .socketTimeout(SOCKET_TIMEOUT.multipliedBy(slowdown)))
                .overrideConfiguration(override.apiCallAttemptTimeout(ATTEMPT_TIMEOUT.multipliedBy(slowdown))
                        .apiCallTimeout(CALL_TIMEOUT.multipliedBy(slowdown)).build());
    }

    /** {@link #ATTEMPT_TIMEOUT} and {@link #CALL_TIMEOUT} as the SDK takes them. */
    public static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder().apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT).build();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (Lambda always sets it)");
        }
        return Region.of(region);
    }
}
