package alertbridge.local;

import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.testkit.RepoRoot;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.MotoServer;
import alertbridge.testkit.twilio.TwilioSimulator;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole system on one machine: moto as the local AWS (the JVM's one {@link MotoServer}, with the table created
 * from template.yaml and the parameters in its SSM), the Twilio simulator, and the local API in front of the real
 * handlers. Each handler is configured the way Lambda configures it: environment variables as template.yaml sets
 * them (parameters resolved, {@code PublicBaseUrl} pointing at the local API), its secrets and rosters read from SSM
 * by the production {@link SsmParameterSource}, and a DynamoDB client for the table. The only local-only variable is
 * {@code TWILIO_API_BASE_URL}, pointing at the simulator.
 */
public final class LocalStack implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    public static final String CALLER_NUMBER = "+15005550006";
    /** The incidents table's name ({@link Options#isolated} stacks add a suffix). */
    public static final String TABLE_NAME = "alertbridge-local-incidents";
    /** Queues and topics are named {@code <prefix><logical id>}. */
    public static final String RESOURCE_PREFIX = "alertbridge-local-";
    /** The rosters {@code sre} and {@code oncall} in the local SSM. */
    public static final String SAMPLE_ROSTER = "+818012345601,+818012345602";

    /** Real Twilio credentials and the public (tunnel) URL Twilio reaches the local API at. */
    public record RealTwilio(String accountSid, String authToken, String callerNumber, String publicUrl) {
    }

    /**
     * @param apiPort             0 for any free port
     * @param speed               the simulator's time factor (1.0 real time)
     * @param parameterOverrides  template parameters, as {@code sam deploy --parameter-overrides}
     * @param webhookSigningToken what the simulator signs webhooks with; empty = its own auth token
     * @param isolated            names of its own (table, queues, topics, parameter path), so several stacks can
     *                            share the JVM's moto at once; off for {@code ./local/run}, which prints its names
     * @param environment         environment variables every handler gets on top of template.yaml's (settings no
     *                            template parameter sets, such as {@code INLINE_ANSWER_TWIML})
     */
    public record Options(int apiPort, int twilioPort, String alertToken, String twilioAuthToken, double speed,
                          Map<String, String> parameterOverrides, Optional<String> webhookSigningToken,
                          boolean callbacksTwice, Optional<RealTwilio> realTwilio, Narrator narrator, boolean isolated,
                          Map<String, String> environment) {
        /** Without environment variables of its own. */
        public Options(int apiPort, int twilioPort, String alertToken, String twilioAuthToken, double speed,
                       Map<String, String> parameterOverrides, Optional<String> webhookSigningToken,
                       boolean callbacksTwice, Optional<RealTwilio> realTwilio, Narrator narrator, boolean isolated) {
            this(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides, webhookSigningToken,
                    callbacksTwice, realTwilio, narrator, isolated, Map.of());
        }

        public static Options forTests(double speed) {
            return new Options(0, 0, "local-test-alert-token", "local-test-twilio-auth-token", speed, Map.of(),
                    Optional.empty(), false, Optional.empty(), Narrator.silent(), true);
        }

        public Options withParameter(String name, String value) {
            Map<String, String> p = new HashMap<>(parameterOverrides);
            p.put(name, value);
            return new Options(apiPort, twilioPort, alertToken, twilioAuthToken, speed, p, webhookSigningToken,
                    callbacksTwice, realTwilio, narrator, isolated, environment);
        }

        public Options withWebhookSigningToken(String token) {
            return new Options(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                    Optional.of(token), callbacksTwice, realTwilio, narrator, isolated, environment);
        }

        public Options withCallbacksTwice() {
            return new Options(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                    webhookSigningToken, true, realTwilio, narrator, isolated, environment);
        }

        /** Every handler also gets this environment variable. */
        public Options withEnvironment(String name, String value) {
            Map<String, String> e = new HashMap<>(environment);
            e.put(name, value);
            return new Options(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                    webhookSigningToken, callbacksTwice, realTwilio, narrator, isolated, Map.copyOf(e));
        }
    }

    private final Options options;
    private final List<AutoCloseable> started;
    private final LocalAws aws;
    private final Map<String, String> queueUrls;
    private final Optional<TwilioSimulator> simulator;
    private final LocalApi api;
    private final LocalSlack slack;
    private final LocalTopics topics;
    private final List<SamTemplate.Function> functions;
    private final Map<String, java.util.function.Supplier<RequestHandler<?, ?>>> containers = new HashMap<>();
    /** What the handlers send to SQS with: message timers on the simulator's clock, faults injected. */
    private final SqsClient handlerSqs;
    /** The handlers' own DynamoDB client, faults injected. */
    private final DynamoDbClient handlerDynamo;
    /** Each function's clients: the ones above, or its own IAM user's when moto enforces IAM (the deploy rehearsal). */
    private final java.util.function.Function<String, FunctionClients> clients;
    private final Faults faults;
    private final RoundSteps roundSteps;
    private final LocalSchedules schedules;
    private final String eventSigningSecret;
    private final String incidentLinkSecret;

    private LocalStack(Options options, List<AutoCloseable> started) {
        this.options = options;
        this.started = started;
        SamTemplate template = SamTemplate.read(RepoRoot.resolve("template.yaml"));

        int apiPort = options.apiPort() == 0 ? freePort() : options.apiPort();
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        parameters.put("PublicBaseUrl", options.realTwilio().map(RealTwilio::publicUrl).orElse("http://127.0.0.1:" + apiPort));
        String suffix = options.isolated() ? "-" + UUID.randomUUID().toString().substring(0, 8) : "";
        parameters.put("ParameterPath", parameters.get("ParameterPath") + suffix);
        parameters.put("SlackTeamId", LocalSlack.TEAM_ID); // the simulated workspace of POST /_local/slack
        parameters.putAll(options.parameterOverrides());

        this.aws = new LocalAws(TABLE_NAME + suffix, parameters.get("ParameterPath"));
        started.add(aws);
        // what !Ref of a resource gives: the table's name, a queue's URL, a topic's ARN
        String prefix = RESOURCE_PREFIX + (options.isolated() ? suffix.substring(1) + "-" : "");
        this.queueUrls = aws.createQueues(prefix);
        Map<String, String> topicArns = aws.createTopics(prefix);
        Map<String, String> physicalIds = new HashMap<>(queueUrls);
        physicalIds.putAll(topicArns);
        physicalIds.put("IncidentsTable", aws.tableName());

        Map<String, String> localOnly = new HashMap<>();
        // the local detector runs every few seconds (LocalSchedules), so check-ins may have periods that short
        localOnly.put("CHECK_MIN_PERIOD_SECONDS", "1");
        localOnly.putAll(options.environment());
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
        this.faults = new Faults(simulator);
        started.add(faults);
        java.util.Set<String> delayedByHandler = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.roundSteps = new RoundSteps(queueUrls.get("RoundsQueue"));
        ScaledQueueTimers timers = new ScaledQueueTimers(options.speed(), delayedByHandler, roundSteps);
        this.handlerSqs = aws.moto().sqs(timers, faults.interceptor());
        this.handlerDynamo = aws.moto().dynamoDb(faults.interceptor());

        aws.putStackParameters(options.realTwilio().map(RealTwilio::accountSid).orElse(ACCOUNT_SID),
                options.realTwilio().map(RealTwilio::authToken).orElse(options.twilioAuthToken()),
                options.realTwilio().map(RealTwilio::callerNumber).orElse(CALLER_NUMBER),
                options.alertToken(),
                Map.of("sre", SAMPLE_ROSTER, "oncall", SAMPLE_ROSTER)); // oncall: AlertTopicTeams' default
        this.eventSigningSecret = newEventSigningSecret();
        aws.putSecret("events/signing-secret", eventSigningSecret);
        this.incidentLinkSecret = newSecret();
        aws.putSecret("incident-link-secret", incidentLinkSecret); // shareable incident links (IncidentLinkHours)
        String slackSecret = newSecret();
        aws.putSecret("slack-signing-secret", slackSecret); // the /oncall command's (SlackTeamId)
        ParameterSource parameterSource = new SsmParameterSource(aws.moto().ssm(faults.interceptor()));
        this.clients = FunctionClients.of(aws.moto(), new FunctionClients(handlerDynamo, handlerSqs, parameterSource),
                timers, faults.interceptor());

        this.functions = template.functions(parameters, physicalIds);
        List<LocalApi.FunctionBinding> bindings = new ArrayList<>();
        List<LocalTopics.Subscriber> subscribers = new ArrayList<>();
        List<LocalQueues.Consumer> consumers = new ArrayList<>();
        List<LocalSchedules.Scheduled> scheduled = new ArrayList<>();
        for (SamTemplate.Function function : functions) {
            Settings settings = settingsOf(function, localOnly);
            containers.put(function.logicalId(), () -> handler(function, settings));
            if (!function.routes().isEmpty()) {
                bindings.add(new LocalApi.FunctionBinding(function, () -> handler(function, settings)));
            }
            if (!function.topics().isEmpty()) {
                Consumer<String> deadLetterQueue = function.deadLetterQueue().map(queueUrls::get)
                        .<Consumer<String>>map(url -> event -> aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody(event)))
                        .orElse(event -> { });
                subscribers.add(new LocalTopics.Subscriber(function, () -> handler(function, settings),
                        deadLetterQueue));
            }
            if (!function.schedules().isEmpty()) {
                scheduled.add(new LocalSchedules.Scheduled(function, () -> handler(function, settings)));
            }
            for (SamTemplate.QueueSource source : function.queues()) {
                consumers.add(new LocalQueues.Consumer(function, source, queueUrls.get(source.queue()),
                        () -> handler(function, settings)));
            }
        }
        this.api = new LocalApi(apiPort, template.stageName(), bindings);
        started.add(api);
        this.topics = new LocalTopics(subscribers, topicArns, options.speed());
        api.addLocalContext("/_local/topics/", topics::serve);
        api.addLocalContext("/_local/faults", faults::serve);
        this.slack = new LocalSlack(api.baseUrl() + "/slack/commands", parameters.get("SlackTeamId"), slackSecret, options.narrator());
        api.addLocalContext("/_local/slack", slack::serve);
        api.addLocalContext("/_local/call_in", new LocalCallIn(simulator, CALLER_NUMBER, parameters.get("PublicBaseUrl") + "/call_in")::serve);
        started.add(new LocalQueues(aws.sqs(), consumers, options.speed(), options.narrator(), delayedByHandler, roundSteps));
        this.schedules = new LocalSchedules(scheduled, options.speed());
        started.add(schedules);
        // closed in reverse order: move the simulator last, so it stops first and its last callbacks still reach the API
        simulator.ifPresent(sim -> {
            started.remove(sim);
            started.add(sim);
        });
    }

    /** A function's settings as Lambda would give them: template.yaml's environment, then the local-only variables. */
    private static Settings settingsOf(SamTemplate.Function function, Map<String, String> localOnly) {
        Map<String, String> env = new HashMap<>();
        function.environment().forEach((k, v) -> env.put(k, String.valueOf(v)));
        env.putAll(localOnly);
        return Settings.fromEnvironment(env);
    }

    /**
     * One more instance ("container") of a function's handler, configured as the stack's own: e.g. to run the
     * check-in detector several times at once, as overlapping scheduled runs would.
     */
    @SuppressWarnings("unchecked")
    public <H extends RequestHandler<?, ?>> H newContainer(String logicalId) {
        java.util.function.Supplier<RequestHandler<?, ?>> container = containers.get(logicalId);
        if (container == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in template.yaml");
        }
        return (H) container.get();
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

    /**
     * A new instance of the function's handler (the API's, the topic's or the queue's event type, as the caller
     * expects), built with its one constructor besides Lambda's: {@code (Clients)}.
     */
    @SuppressWarnings("unchecked")
    private <H extends RequestHandler<?, ?>> H handler(SamTemplate.Function function, Settings settings) {
        try {
            FunctionClients own = clients.apply(function.logicalId());
            return (H) Class.forName(function.handlerClass()).getConstructor(Clients.class)
                    .newInstance(Clients.of(settings, own.parameters(), own.dynamo(), own.sqs()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": cannot build " + function.handlerClass()
                    + " (it needs a public constructor (Clients))", e);
        }
    }

    /**
     * What the generic event webhooks are signed with ({@code <ParameterPath>/events/signing-secret}):
     * {@code EVENT_WEBHOOK_SECRET} when set, else a new random one ({@code ./local/run} prints it).
     */
    public String eventSigningSecret() {
        return eventSigningSecret;
    }

    private static String newEventSigningSecret() {
        String given = System.getenv("EVENT_WEBHOOK_SECRET");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return newSecret();
    }

    private static String newSecret() {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    /** What alertbridge posted to the simulated Slack's response_url (the bodies, oldest first). */
    public List<String> slackResponses() {
        return slack.responses();
    }

    public String apiUrl() {
        return api.baseUrl();
    }

    /** What the shareable incident links are signed with ({@code <ParameterPath>/incident-link-secret}, random). */
    public String incidentLinkSecret() {
        return incidentLinkSecret;
    }

    /** The incident page with the alert token in the URL fragment (never sent to the server, never logged). */
    public String pageUrl() {
        return api.baseUrl() + "/ui#token=" + options.alertToken();
    }

    /** moto, the local AWS: DynamoDB, SSM ({@code aws --endpoint-url ...}). */
    public String motoEndpoint() {
        return aws.moto().endpoint().toString();
    }

    /**
     * The messages now in one of the template's queues (by logical id), such as a dead-letter queue; each is
     * received once (then hidden for the queue's visibility timeout, as SQS does).
     */
    public List<String> receiveMessages(String queueLogicalId) {
        String url = queueUrls.get(queueLogicalId);
        if (url == null) {
            throw new IllegalArgumentException("template.yaml has no queue " + queueLogicalId + "; queues: " + queueUrls.keySet());
        }
        return aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().stream().map(Message::body).toList();
    }

    /** The incidents table in the local AWS ({@value #TABLE_NAME}, with a suffix of its own when isolated). */
    public String tableName() {
        return aws.tableName();
    }

    /** Where the local SSM holds the stack's parameters (the template's {@code ParameterPath}). */
    public String parameterPath() {
        return aws.parameterPath();
    }

    /** The local AWS's DynamoDB as the test code sees it: never affected by injected faults. */
    public DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    /** The round steps queued and finished: what a test awaits before asserting that no more rounds came. */
    public RoundSteps roundSteps() {
        return roundSteps;
    }

    /** The scheduled functions' timers (the check-in detector): {@code schedules().awaitRuns(2, timeout)}. */
    public LocalSchedules schedules() {
        return schedules;
    }

    /** The outages switched on for the handlers ({@code POST /_local/faults}). */
    public Faults faults() {
        return faults;
    }

    /**
     * Creates or replaces a roster in the local SSM ({@code <ParameterPath>/teams/<name>}), e.g.
     * {@code "+818012345601; round2: +818012345603"}; handlers see it once their parameter cache expires, or at once
     * when it was never read.
     */
    public void putRoster(String name, String value) {
        aws.putParameter("teams/" + name, value);
    }

    /**
     * Creates or replaces a person an on-call schedule may name ({@code <ParameterPath>/people/<id>}, SecureString
     * JSON {@code {"name", "phone", "slack"}}).
     */
    public void putPerson(String id, String name, String phone, String slack) {
        aws.putSecret("people/" + id, "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"slack\":\"" + slack + "\"}");
    }

    /**
     * Creates or replaces an event destination in the local SSM ({@code <ParameterPath>/events/<name>}, SecureString),
     * listed in {@code EventWebhooks} as {@code ssm:<name>}.
     */
    public void putEventWebhook(String name, String url) {
        aws.putSecret("events/" + name, url);
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

    /** Stops in reverse order of starting: the simulator (its last callbacks still reach the API), the API, the table (moto itself stops with the JVM). */
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
