package alertbridge.local;

import alertbridge.config.ParameterSource;
import alertbridge.config.SsmParameterSource;
import alertbridge.testkit.RepoRoot;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.MotoServer;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
    /** The incidents table's name ({@link StackOptions#isolated} stacks add a suffix). */
    public static final String TABLE_NAME = "alertbridge-local-incidents";
    /** Queues and topics are named {@code <prefix><logical id>}. */
    public static final String RESOURCE_PREFIX = "alertbridge-local-";
    /** The rosters {@code sre} and {@code oncall} in the local SSM. */
    public static final String SAMPLE_ROSTER = "+818012345601,+818012345602";

    private final StackOptions options;
    private final List<AutoCloseable> started;
    private final LocalAws aws;
    private final Map<String, String> queueUrls;
    private final Optional<TwilioSimulator> simulator;
    private final LocalApi api;
    private final LocalSlack slack;
    private final LocalTopics topics;
    private final List<SamTemplate.Function> functions;
    private final LocalFunctions functionHandlers;
    private final Faults faults;
    private final RoundSteps roundSteps;
    private final LocalSchedules schedules;
    private final StackParameters stackParameters;

    private LocalStack(StackOptions options, List<AutoCloseable> started) {
        this.options = options;
        this.started = started;
        SamTemplate template = SamTemplate.read(RepoRoot.resolve("template.yaml"));

        int apiPort = options.apiPort() == 0 ? freePort() : options.apiPort();
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        parameters.put("PublicBaseUrl", options.realTwilio().map(StackOptions.RealTwilio::publicUrl).orElse("http://127.0.0.1:" + apiPort));
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
        // the handlers' own clients, faults injected; SQS with message timers on the simulator's clock
        SqsClient handlerSqs = aws.moto().sqs(timers, faults.interceptor());
        DynamoDbClient handlerDynamo = aws.moto().dynamoDb(faults.interceptor());

        this.stackParameters = new StackParameters(aws, options);
        ParameterSource parameterSource = new SsmParameterSource(aws.moto().ssm(faults.interceptor()));
        // each function's clients: the ones above, or its own IAM user's when moto enforces IAM (the deploy rehearsal)
        java.util.function.Function<String, FunctionClients> clients = FunctionClients.of(aws.moto(),
                new FunctionClients(handlerDynamo, handlerSqs, parameterSource), timers, faults.interceptor());

        this.functions = template.functions(parameters, physicalIds);
        this.functionHandlers = new LocalFunctions(functions, localOnly, aws, queueUrls, clients);
        this.api = new LocalApi(apiPort, template.stageName(), functionHandlers.bindings());
        started.add(api);
        this.topics = new LocalTopics(functionHandlers.subscribers(), topicArns, options.speed());
        api.addLocalContext("/_local/topics/", topics::serve);
        api.addLocalContext("/_local/faults", faults::serve);
        this.slack = new LocalSlack(api.baseUrl() + "/slack/commands", parameters.get("SlackTeamId"),
                stackParameters.slackSigningSecret(), options.narrator());
        api.addLocalContext("/_local/slack", slack::serve);
        api.addLocalContext("/_local/call_in", new LocalCallIn(simulator, CALLER_NUMBER, parameters.get("PublicBaseUrl") + "/call_in")::serve);
        started.add(new LocalQueues(aws.sqs(), functionHandlers.consumers(), options.speed(), options.narrator(), delayedByHandler, roundSteps));
        this.schedules = new LocalSchedules(functionHandlers.scheduled(), options.speed());
        started.add(schedules);
        // closed in reverse order: move the simulator last, so it stops first and its last callbacks still reach the API
        simulator.ifPresent(sim -> {
            started.remove(sim);
            started.add(sim);
        });
    }

    /**
     * One more instance ("container") of a function's handler, configured as the stack's own: e.g. to run the
     * check-in detector several times at once, as overlapping scheduled runs would.
     */
    public <H extends RequestHandler<?, ?>> H newContainer(String logicalId) {
        return functionHandlers.newContainer(logicalId);
    }

    /** Starts everything; on failure, stops what already started. */
    public static LocalStack start(StackOptions options) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return new LocalStack(options, started);
        } catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    /**
     * What the generic event webhooks are signed with ({@code <ParameterPath>/events/signing-secret}):
     * {@code EVENT_WEBHOOK_SECRET} when set, else a new random one ({@code ./local/run} prints it).
     */
    public String eventSigningSecret() {
        return stackParameters.eventSigningSecret();
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
        return stackParameters.incidentLinkSecret();
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

    public StackOptions options() {
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
