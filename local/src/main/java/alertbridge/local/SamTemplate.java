package alertbridge.local;

import static alertbridge.local.CloudFormationYaml.list;
import static alertbridge.local.CloudFormationYaml.map;
import static alertbridge.local.Intrinsics.isIntrinsic;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local runner needs from template.yaml, read from the file itself: every function's handler class, its
 * API routes (path and method) and its environment variables (Globals merged with its own, as SAM merges them), with
 * the intrinsic functions the template uses ({@code !Ref}, {@code !Sub}, {@code !If}, {@code !Not}, {@code !Equals},
 * {@code !GetAtt}, and SAM's {@code <Api>.Stage}) resolved against parameter values, as CloudFormation would.
 */
public final class SamTemplate {
    /** One API event of a function. {@code path} may hold {@code {name}} path parameters. */
    public record Route(String method, String path) {
    }

    /**
     * An SQS event source of a function ({@code Events: Type: SQS}).
     *
     * @param queue        the queue's logical id
     * @param batchSize    the most messages per invocation (Lambda's default 10)
     * @param reportsFailures whether the function returns batch item failures ({@code ReportBatchItemFailures})
     */
    public record QueueSource(String queue, int batchSize, boolean reportsFailures) {
    }

    /**
     * One AWS::Serverless::Function.
     *
     * @param topics                the SNS topics (logical ids) it is subscribed to ({@code Events: Type: SNS})
     * @param maximumRetryAttempts  Lambda's retries of a failed asynchronous invocation ({@code EventInvokeConfig}; 2
     *                              when the template says nothing, as Lambda)
     * @param deadLetterQueue       the SQS queue (logical id) failed asynchronous invocations go to, if any
     * @param queues                the SQS queues it consumes
     * @param properties            all its properties as deployed: Globals merged in, intrinsic functions resolved
     *                              ({@code !Ref} of a resource without a physical id gives its logical id)
     * @param schedules             its EventBridge Scheduler schedules ({@code Type: ScheduleV2}), e.g. {@code rate(1 minute)};
     *                              the daily SnapStart keep-alive ({@code Type: Schedule}) is not one of them
     */
    public record Function(String logicalId, String handlerClass, int timeoutSeconds, List<Route> routes,
                           List<String> topics, Map<String, Object> environment, int maximumRetryAttempts,
                           java.util.Optional<String> deadLetterQueue, List<QueueSource> queues,
                           Map<String, Object> properties, List<String> schedules) {
    }

    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    public static SamTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new SamTemplate(CloudFormationYaml.load(reader));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The declared parameters, in template order, with their constraints ({@link TemplateParameter#refusal}). */
    public Map<String, TemplateParameter> parameters() {
        Map<String, TemplateParameter> parameters = new LinkedHashMap<>();
        map(template.get("Parameters")).forEach((name, p) -> parameters.put(name, TemplateParameter.of(name, map(p))));
        return parameters;
    }

    /** The declared parameters' defaults. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        parameters().forEach((name, p) -> defaults.put(name, p.defaultValue()));
        return defaults;
    }

    /** A resource's type ({@code AWS::IAM::ManagedPolicy}), if the template declares the logical id. */
    public java.util.Optional<String> resourceType(String logicalId) {
        return java.util.Optional.ofNullable(map(map(template.get("Resources")).get(logicalId)).get("Type")).map(Object::toString);
    }

    /** Each output's value, resolved as {@link #functions} resolves a function's properties. */
    public Map<String, Object> outputs(Map<String, String> parameters, Map<String, String> physicalIds) {
        Intrinsics resolver = new Intrinsics(template, parameters, physicalIds);
        Map<String, Object> outputs = new LinkedHashMap<>();
        map(template.get("Outputs")).forEach((name, o) -> outputs.put(name, resolver.resolve(map(o).get("Value"))));
        return outputs;
    }

    /** The API's stage name (the first AWS::Serverless::Api's StageName), e.g. {@code Prod}. */
    public String stageName() {
        for (Object resource : map(template.get("Resources")).values()) {
            if ("AWS::Serverless::Api".equals(map(resource).get("Type"))) {
                Object stage = map(map(resource).get("Properties")).get("StageName");
                if (stage != null) {
                    return stage.toString();
                }
            }
        }
        return "Prod";
    }

    /**
     * @param parameters   parameter values (defaults overridden as with {@code --parameter-overrides})
     * @param physicalIds  what {@code !Ref <resource>} resolves to (e.g. the local table name)
     */
    public List<Function> functions(Map<String, String> parameters, Map<String, String> physicalIds) {
        Intrinsics resolver = new Intrinsics(template, parameters, physicalIds);
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        map(template.get("Resources")).forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            Map<String, Object> deployed = map(resolver.resolve(merge(globals, props)));
            Map<String, Object> env = new LinkedHashMap<>(map(map(deployed.get("Environment")).get("Variables")));
            List<Route> routes = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            List<QueueSource> queues = new ArrayList<>();
            List<String> schedules = new ArrayList<>();
            map(props.get("Events")).forEach((eventId, e) -> {
                Map<String, Object> event = map(e);
                Map<String, Object> ep = map(event.get("Properties"));
                if ("Api".equals(event.get("Type"))) {
                    routes.add(new Route(ep.get("Method").toString().toUpperCase(java.util.Locale.ROOT), ep.get("Path").toString()));
                } else if ("SNS".equals(event.get("Type"))) {
                    Object topic = ep.get("Topic"); // !Ref AlertTopic: keep the logical id
                    topics.add(String.valueOf(map(topic).containsKey("Ref") ? map(topic).get("Ref") : resolver.resolve(topic)));
                } else if ("ScheduleV2".equals(event.get("Type"))) {
                    schedules.add(String.valueOf(ep.get("ScheduleExpression")));
                } else if ("SQS".equals(event.get("Type"))) {
                    Object queue = list(map(ep.get("Queue")).get("Fn::GetAtt")).getFirst(); // !GetAtt RoundsQueue.Arn
                    queues.add(new QueueSource(queue.toString(), Integer.parseInt(String.valueOf(ep.getOrDefault("BatchSize", 10))),
                            String.valueOf(ep.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")));
                }
            });
            String handler = String.valueOf(deployed.get("Handler"));
            Object timeout = deployed.getOrDefault("Timeout", 3);
            Object retries = map(props.get("EventInvokeConfig")).getOrDefault("MaximumRetryAttempts", 2);
            Map<String, Object> dlq = map(props.get("DeadLetterQueue"));
            java.util.Optional<String> deadLetterQueue = "SQS".equals(dlq.get("Type"))
                    ? java.util.Optional.of(list(map(dlq.get("TargetArn")).get("Fn::GetAtt")).getFirst().toString())
                    : java.util.Optional.empty();
            functions.add(new Function(id, handler.split("::")[0], Integer.parseInt(timeout.toString()), routes, topics, env,
                    Integer.parseInt(retries.toString()), deadLetterQueue, queues, deployed, schedules));
        });
        return functions;
    }

    /**
     * A resource's own properties over Globals, as SAM merges them: maps key by key, lists as Globals' entries then its
     * own, anything else (an intrinsic function too) its own value.
     */
    private static Object merge(Object global, Object own) {
        if (global instanceof Map<?, ?> && own instanceof Map<?, ?> && !isIntrinsic(global) && !isIntrinsic(own)) {
            Map<String, Object> merged = new LinkedHashMap<>(map(global));
            map(own).forEach((key, value) -> merged.put(key, merged.containsKey(key) ? merge(merged.get(key), value) : value));
            return merged;
        }
        if (global instanceof List<?> g && own instanceof List<?> o) {
            List<Object> merged = new ArrayList<>(g);
            merged.addAll(o);
            return merged;
        }
        return own;
    }
}
