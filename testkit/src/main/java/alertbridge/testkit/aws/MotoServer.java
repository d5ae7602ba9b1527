package alertbridge.testkit.aws;

import alertbridge.testkit.RepoRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * moto, the local AWS (DynamoDB, SSM, SQS, SNS; Apache-2.0), as a subprocess on a free loopback port:
 * {@code local/moto_server.py} run by the project's own Python ({@code local/python-env}, which creates the
 * {@code .venv} with the pinned moto on first use). The process reads its standard input until end of file, so it
 * stops when this JVM closes the pipe or dies, however it dies.
 *
 * <p>{@link #shared()} is the one server of this JVM: every test class of a module and the local runner use it; it
 * stops when the JVM exits. Tests isolate themselves by names (a table, a parameter path per fixture), not by servers.
 */
public final class MotoServer implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    /** The harness's own key: the deployer's, allowed everything even when IAM is enforced (local/iam_rehearsal.py). */
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    private static final long START_TIMEOUT_SECONDS = 60;
    /**
     * How many times production's bounds on an AWS call ({@code AwsClients}: 2 s an attempt, 2.5 s a call) the clients
     * of the local AWS get: 8 s and 10 s. moto applies DynamoDB requests one at a time ({@code local/moto_server.py})
     * and a query of a busy incident takes tens of milliseconds, so in a burst a request waits for those ahead of it,
     * which DynamoDB never makes it do: in {@code FiftyAtOnceEndToEndTest} (50 callees answering at once, every
     * callback twice) on a loaded 2-core machine, attempts took 0.3 s at the median, 1.6 s at p99 and up to 2.6 s,
     * and production's bounds failed requests there.
     */
    public static final int SLOWDOWN = 4;
    private static final Optional<Method> PRODUCTION_BOUNDS = findProductionBounds();
    private static MotoServer shared;

    private final Process process;
    private final OutputStream keepAlive;
    private final URI endpoint;
    private final StaticCredentialsProvider credentials;
    /** Each function's access key when IAM is enforced ({@link IamEnforcement}), else empty. */
    private final java.util.Map<String, AwsBasicCredentials> functionKeys;
    private final boolean owner;

    private MotoServer(Process process, URI endpoint, StaticCredentialsProvider credentials,
                       java.util.Map<String, AwsBasicCredentials> functionKeys, boolean owner) {
        this.process = process;
        this.keepAlive = process.getOutputStream();
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.functionKeys = functionKeys;
        this.owner = owner;
    }

    /** Whether this server enforces IAM: each function then reaches it with its own user's key ({@link #asFunction}). */
    public boolean enforcesIam() {
        return !functionKeys.isEmpty();
    }

    /**
     * This server as one function of the template reaches it: with that function's IAM user's key when IAM is
     * enforced (a client of the view is held to exactly the function's policies), else this server itself.
     */
    public MotoServer asFunction(String logicalId) {
        if (!enforcesIam()) {
            return this;
        }
        AwsBasicCredentials key = functionKeys.get(logicalId);
        if (key == null) {
            throw new IllegalStateException("the IAM run has no user for " + logicalId + " (not in the policies file)");
        }
        return new MotoServer(process, endpoint, StaticCredentialsProvider.create(key), functionKeys, false);
    }

    /** The JVM's one moto server, started on first use and stopped when the JVM exits. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            MotoServer started = IamEnforcement.asked()
                    .map(policies -> IamEnforcement.start(Path.of("target", "moto.log"), policies))
                    .orElseGet(() -> start(Path.of("target", "moto.log")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moto-stop"));
            shared = started;
        }
        return shared;
    }

    /**
     * Starts a new server (most callers want {@link #shared()}).
     *
     * @param log where moto's own output goes (appended)
     */
    public static MotoServer start(Path log) {
        return start(log, java.util.Map.of());
    }

    /** This server, its clients signed with the harness's key, and each function's view with its own key. */
    MotoServer enforcing(java.util.Map<String, AwsBasicCredentials> keys) {
        return new MotoServer(process, endpoint, CREDENTIALS, java.util.Map.copyOf(keys), true);
    }

    /** @param env added to moto's environment (what {@link IamEnforcement} asks of local/moto_server.py) */
    static MotoServer start(Path log, java.util.Map<String, String> env) {
        Path root = RepoRoot.path();
        String python = projectPython(root);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(python, root.resolve("local/moto_server.py").toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            try {
                line = CompletableFuture.supplyAsync(() -> readLine(out)).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                line = null;
            }
            if (line == null || !line.startsWith("http://")) {
                process.destroyForcibly();
                throw new IllegalStateException("moto did not start (within " + START_TIMEOUT_SECONDS + " s): see " + log.toAbsolutePath());
            }
            Thread.ofVirtual().name("moto-stdout").start(() -> { // never let a full pipe block it
                while (readLine(out) != null) {
                    // discard
                }
            });
            return new MotoServer(process, URI.create(line.trim()), CREDENTIALS, java.util.Map.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("moto could not be started with " + python, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto", e);
        }
    }

    /** {@code local/python-env}: the path of the project's Python, installing moto first if needed. */
    private static String projectPython(Path root) {
        try {
            Process env = new ProcessBuilder("bash", root.resolve("local/python-env").toString()).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(env.getErrorStream()));
            String stdout = readAll(env.getInputStream()).trim();
            int status = env.waitFor();
            String messages = stderr.join().trim();
            if (status != 0 || stdout.isEmpty()) {
                throw new IllegalStateException(messages.isEmpty() ? "local/python-env failed (exit " + status + ")" : messages);
            }
            if (!messages.isEmpty()) {
                System.err.println(messages); // "installing moto ... once"
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("bash is needed to run local/python-env", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing Python", e);
        }
    }

    /** Where the AWS SDK reaches it ({@code AWS_ENDPOINT_URL}). */
    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder()).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    /** An SQS client whose requests pass through {@code interceptors} first (e.g. to scale message timers, inject faults). */
    public SqsClient sqs(ExecutionInterceptor... interceptors) {
        return intercepted(SqsClient.builder(), interceptors).build();
    }

    /** A DynamoDB client whose requests pass through {@code interceptors} first (e.g. to inject faults). */
    public DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
        return intercepted(DynamoDbClient.builder(), interceptors).build();
    }

    /** An SSM client whose requests pass through {@code interceptors} first (e.g. to inject faults). */
    public SsmClient ssm(ExecutionInterceptor... interceptors) {
        return intercepted(SsmClient.builder(), interceptors).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B intercepted(B builder,
                                                                                          ExecutionInterceptor... interceptors) {
        B configured = configure(builder);
        ClientOverrideConfiguration current = configured.overrideConfiguration(); // keep the bounds configure() set
        ClientOverrideConfiguration.Builder override = current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
        for (ExecutionInterceptor i : interceptors) {
            override.addExecutionInterceptor(i);
        }
        configured.overrideConfiguration(override.build());
        return configured;
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    /**
     * Our endpoint, region and credentials on a builder, with the bounds production puts on every call
     * ({@code alertbridge.config.AwsClients#bounded}: connect, socket, attempt and call timeouts) times
     * {@link #SLOWDOWN}, so a stand-in that hangs (an injected fault) fails a call as in Lambda, only later.
     */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return productionBounds(builder).endpointOverride(endpoint).region(REGION).credentialsProvider(credentials);
    }

    /**
     * {@code alertbridge.config.AwsClients#bounded(builder, SLOWDOWN)} when it is on the class path (every test of
     * shared and the functions, the local runner), found by name: the testkit cannot depend on {@code shared}, whose
     * tests depend on it. Without it (the testkit's own tests) the plain URL-connection client.
     */
    @SuppressWarnings("unchecked")
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B productionBounds(B builder) {
        if (PRODUCTION_BOUNDS.isEmpty()) {
            return builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        try {
            return (B) PRODUCTION_BOUNDS.get().invoke(null, builder, SLOWDOWN);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AwsClients.bounded could not be applied", e);
        }
    }

    private static Optional<Method> findProductionBounds() {
        try {
            return Optional.of(Class.forName("alertbridge.config.AwsClients").getMethod("bounded", AwsClientBuilder.class, int.class));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("alertbridge.config.AwsClients has no bounded(builder, slowdown): see MotoServer", e);
        }
    }

    /** Closes its standard input (moto stops by itself), then waits a little and kills it if it has not. */
    @Override
    public void close() {
        if (!owner) {
            return; // a function's view: the server is its owner's to stop
        }
        try {
            keepAlive.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
