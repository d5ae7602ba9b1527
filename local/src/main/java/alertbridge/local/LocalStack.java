package alertbridge.local;

import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.testing.RepoRoot;
import alertbridge.testing.TemplateTable;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system on one machine: DynamoDB Local (in-process, on a port, with the table from template.yaml), the
 * Twilio simulator, and the local API in front of the real handlers. Each handler is configured the way Lambda
 * configures it: environment variables as template.yaml sets them (parameters resolved, {@code PublicBaseUrl}
 * pointing at the local API), secrets from a parameter source laid out as SSM would hold them, and a DynamoDB
 * client for the local table. The only local-only variable is {@code TWILIO_API_BASE_URL}, pointing at the
 * simulator.
 */
public final class LocalStack implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    public static final String CALLER_NUMBER = "+15005550006";
    public static final String TABLE_NAME = "alertbridge-local-incidents";

    /** Real Twilio credentials and the public (tunnel) URL Twilio reaches the local API at. */
    public record RealTwilio(String accountSid, String authToken, String callerNumber, String publicUrl) {
    }

    /**
     * @param apiPort             0 for any free port
     * @param speed               the simulator's time factor (1.0 real time)
     * @param parameterOverrides  template parameters, as {@code sam deploy --parameter-overrides}
     * @param webhookSigningToken what the simulator signs webhooks with; empty = its own auth token
     */
    public record Options(int apiPort, int dynamoPort, int twilioPort, String alertToken, String twilioAuthToken, double speed,
                          Map<String, String> parameterOverrides, Optional<String> webhookSigningToken,
                          boolean callbacksTwice, Optional<RealTwilio> realTwilio, Narrator narrator) {
        public static Options forTests(double speed) {
            return new Options(0, 0, 0, "local-test-alert-token", "local-test-twilio-auth-token", speed, Map.of(),
                    Optional.empty(), false, Optional.empty(), Narrator.silent());
        }

        public Options withParameter(String name, String value) {
            Map<String, String> p = new HashMap<>(parameterOverrides);
            p.put(name, value);
            return new Options(apiPort, dynamoPort, twilioPort, alertToken, twilioAuthToken, speed, p, webhookSigningToken,
                    callbacksTwice, realTwilio, narrator);
        }

        public Options withWebhookSigningToken(String token) {
            return new Options(apiPort, dynamoPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                    Optional.of(token), callbacksTwice, realTwilio, narrator);
        }

        public Options withCallbacksTwice() {
            return new Options(apiPort, dynamoPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                    webhookSigningToken, true, realTwilio, narrator);
        }
    }

    private final Options options;
    private final List<AutoCloseable> started;
    private final DynamoDbClient dynamo;
    private final String dynamoEndpoint;
    private final Optional<TwilioSimulator> simulator;
    private final LocalApi api;
    private final LocalTopics topics;
    private final List<SamTemplate.Function> functions;

    private LocalStack(Options options, List<AutoCloseable> started) {
        this.options = options;
        this.started = started;
        SamTemplate template = SamTemplate.read(RepoRoot.resolve("template.yaml"));

        int dynamoPort = options.dynamoPort() == 0 ? freePort() : options.dynamoPort();
        DynamoDBProxyServer dynamoServer;
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())); // its start-up banner
            dynamoServer = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-port", Integer.toString(dynamoPort)});
            dynamoServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + dynamoPort + ": " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
        started.add(dynamoServer::stop);
        this.dynamoEndpoint = "http://127.0.0.1:" + dynamoPort;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        started.add(dynamo::close);
        TemplateTable.create(dynamo, TABLE_NAME);

        int apiPort = options.apiPort() == 0 ? freePort() : options.apiPort();
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        parameters.put("PublicBaseUrl", options.realTwilio().map(RealTwilio::publicUrl).orElse("http://127.0.0.1:" + apiPort));
        parameters.putAll(options.parameterOverrides());

        Map<String, String> localOnly = new HashMap<>();
        if (options.realTwilio().isEmpty()) {
            TwilioSimulator sim = new TwilioSimulator(ACCOUNT_SID, options.twilioAuthToken(),
                    options.webhookSigningToken().orElse(options.twilioAuthToken()), options.twilioPort(), options.speed(),
                    options.narrator(), options.callbacksTwice());
            started.add(sim);
            this.simulator = Optional.of(sim);
            localOnly.put("TWILIO_API_BASE_URL", sim.baseUrl().toString());
        } else {
            this.simulator = Optional.empty();
        }

        String path = parameters.get("ParameterPath");
        Map<String, String> ssm = Map.of(
                path + "/twilio/account-sid", options.realTwilio().map(RealTwilio::accountSid).orElse(ACCOUNT_SID),
                path + "/twilio/auth-token", options.realTwilio().map(RealTwilio::authToken).orElse(options.twilioAuthToken()),
                path + "/twilio/caller-number", options.realTwilio().map(RealTwilio::callerNumber).orElse(CALLER_NUMBER),
                path + "/alert-tokens", options.alertToken(),
                path + "/teams/sre", "+818012345601,+818012345602",
                path + "/teams/oncall", "+818012345601,+818012345602"); // AlertTopicTeams' default
        ParameterSource parameterSource = names -> {
            Map<String, String> out = new HashMap<>();
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                if (ssm.containsKey(name)) {
                    out.put(name, ssm.get(name));
                } else {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("SSM parameters not found: " + missing);
            }
            return out;
        };

        this.functions = template.functions(parameters, Map.of("IncidentsTable", TABLE_NAME));
        List<LocalApi.FunctionBinding> bindings = new ArrayList<>();
        List<LocalTopics.Subscriber> subscribers = new ArrayList<>();
        for (SamTemplate.Function function : functions) {
            Map<String, String> env = new HashMap<>();
            function.environment().forEach((k, v) -> env.put(k, String.valueOf(v)));
            env.putAll(localOnly);
            Settings settings = Settings.fromEnvironment(env);
            if (!function.routes().isEmpty()) {
                bindings.add(new LocalApi.FunctionBinding(function, () -> handler(function, settings, parameterSource)));
            }
            if (!function.topics().isEmpty()) {
                subscribers.add(new LocalTopics.Subscriber(function, () -> handler(function, settings, parameterSource)));
            }
        }
        this.api = new LocalApi(apiPort, template.stageName(), bindings);
        started.add(api);
        this.topics = new LocalTopics(subscribers, options.speed());
        api.addLocalContext("/_local/topics/", topics::serve);
        // closed in reverse order: move the simulator last, so it stops first and its last callbacks still reach the API
        simulator.ifPresent(sim -> {
            started.remove(sim);
            started.add(sim);
        });
    }

    /** Starts everything; on failure, stops what already started. */
    public static LocalStack start(Options options) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return new LocalStack(options, started);
        } catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    /** A new instance of the function's handler (the API's or the topic's event type, as the caller expects). */
    @SuppressWarnings("unchecked")
    private <H extends RequestHandler<?, ?>> H handler(SamTemplate.Function function, Settings settings, ParameterSource parameters) {
        try {
            return (H) Class.forName(function.handlerClass())
                    .getConstructor(Settings.class, ParameterSource.class, DynamoDbClient.class)
                    .newInstance(settings, parameters, dynamo);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": cannot build " + function.handlerClass()
                    + " (it needs a public constructor (Settings, ParameterSource, DynamoDbClient))", e);
        }
    }

    public String apiUrl() {
        return api.baseUrl();
    }

    public String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public Optional<TwilioSimulator> simulator() {
        return simulator;
    }

    public LocalApi api() {
        return api;
    }

    /** The template's SNS topics: {@code topics().publish("AlertTopic", subject, message)}. */
    public LocalTopics topics() {
        return topics;
    }

    public List<SamTemplate.Function> functions() {
        return functions;
    }

    public Options options() {
        return options;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops in reverse order of starting: the simulator (its last callbacks still reach the API), the API, DynamoDB Local. */
    @Override
    public void close() {
        stopAll(started);
    }

    private static void stopAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
