package alertbridge.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

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
     * One AWS::Serverless::Function.
     *
     * @param topics                the SNS topics (logical ids) it is subscribed to ({@code Events: Type: SNS})
     * @param maximumRetryAttempts  Lambda's retries of a failed asynchronous invocation ({@code EventInvokeConfig}; 2
     *                              when the template says nothing, as Lambda)
     * @param deadLetterQueue       the SQS queue (logical id) failed asynchronous invocations go to, if any
     * @param properties            all its properties as deployed: Globals merged in, intrinsic functions resolved
     *                              ({@code !Ref} of a resource without a physical id gives its logical id)
     */
    public record Function(String logicalId, String handlerClass, int timeoutSeconds, List<Route> routes,
                           List<String> topics, Map<String, Object> environment, int maximumRetryAttempts,
                           java.util.Optional<String> deadLetterQueue, Map<String, Object> properties) {
    }

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    public static SamTemplate read(Path file) {
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml(new CloudFormationTags(options)).load(reader);
            return new SamTemplate(doc);
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
        Resolver resolver = new Resolver(parameters, physicalIds);
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
        Resolver resolver = new Resolver(parameters, physicalIds);
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
            map(props.get("Events")).forEach((eventId, e) -> {
                Map<String, Object> event = map(e);
                Map<String, Object> ep = map(event.get("Properties"));
                if ("Api".equals(event.get("Type"))) {
                    routes.add(new Route(ep.get("Method").toString().toUpperCase(java.util.Locale.ROOT), ep.get("Path").toString()));
                } else if ("SNS".equals(event.get("Type"))) {
                    Object topic = ep.get("Topic"); // !Ref AlertTopic: keep the logical id
                    topics.add(String.valueOf(map(topic).containsKey("Ref") ? map(topic).get("Ref") : resolver.resolve(topic)));
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
                    Integer.parseInt(retries.toString()), deadLetterQueue, deployed));
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

    private static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
            return false;
        }
        String key = m.keySet().iterator().next().toString();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    /** Evaluates intrinsic functions the way CloudFormation does, for the ones this template uses. */
    private final class Resolver {
        private final Map<String, String> parameters;
        private final Map<String, String> physicalIds;

        Resolver(Map<String, String> parameters, Map<String, String> physicalIds) {
            this.parameters = parameters;
            this.physicalIds = physicalIds;
        }

        /** {@code value} with every intrinsic function in it evaluated; {@code !Ref AWS::NoValue} removes its entry. */
        Object resolve(Object value) {
            if (value instanceof Map<?, ?> m && !isIntrinsic(m)) {
                Map<String, Object> resolved = new LinkedHashMap<>();
                map(m).forEach((key, v) -> {
                    Object r = resolve(v);
                    if (r != NO_VALUE) {
                        resolved.put(key, r);
                    }
                });
                return resolved;
            }
            if (value instanceof List<?> l) {
                return l.stream().map(this::resolve).filter(r -> r != NO_VALUE).toList();
            }
            if (!(value instanceof Map<?, ?> m)) {
                return value;
            }
            String fn = m.keySet().iterator().next().toString();
            Object arg = m.values().iterator().next();
            return switch (fn) {
                case "Ref" -> ref(arg.toString());
                case "Fn::Sub" -> sub(arg);
                case "Fn::GetAtt" -> "arn:local:" + String.join(".", list(arg).stream().map(Object::toString).toList());
                case "Fn::If" -> {
                    List<Object> args = list(arg);
                    yield condition(args.get(0).toString()) ? resolve(args.get(1)) : resolve(args.get(2));
                }
                case "Fn::Not" -> !truth(list(arg).get(0));
                case "Fn::Equals" -> String.valueOf(resolve(list(arg).get(0))).equals(String.valueOf(resolve(list(arg).get(1))));
                case "Condition" -> condition(arg.toString());
                default -> throw new IllegalArgumentException("template.yaml uses " + fn + ", which the local runner does not evaluate yet");
            };
        }

        private boolean truth(Object value) {
            return Boolean.TRUE.equals(resolve(value));
        }

        private boolean condition(String name) {
            return truth(map(template.get("Conditions")).get(name));
        }

        private Object ref(String name) {
            if (name.equals("AWS::NoValue")) {
                return NO_VALUE;
            }
            if (name.contains(".") && !name.startsWith("AWS::")) { // SAM's !Ref MyApi.Stage
                String[] resource = name.split("\\.", 2);
                return samProperty(resource[0], resource[1])
                        .orElseThrow(() -> new IllegalArgumentException("template.yaml refers to " + name
                                + ", which the local runner does not evaluate yet"));
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            return switch (name) {
                case "AWS::Region" -> "us-east-1";
                case "AWS::AccountId" -> "000000000000";
                case "AWS::Partition" -> "aws";
                case "AWS::URLSuffix" -> "amazonaws.com";
                case "AWS::StackName" -> "alertbridge-local";
                default -> physicalIds.getOrDefault(name, name);
            };
        }

        private String sub(Object arg) {
            String text = arg instanceof List<?> l ? l.get(0).toString() : arg.toString();
            Matcher m = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String[] attribute = name.split("\\.", 2); // ${Resource.Attribute}: SAM's property, else !GetAtt
                Object value = attribute.length == 2 && !name.startsWith("AWS::")
                        ? samProperty(attribute[0], attribute[1]).orElse("arn:local:" + name)
                        : ref(name);
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * What SAM makes of {@code <logicalId>.<property>} (in {@code !Ref} and {@code !Sub}), for the properties the
         * template uses: an AWS::Serverless::Api's {@code Stage} is its stage's name.
         */
        private java.util.Optional<Object> samProperty(String logicalId, String property) {
            Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
            if (property.equals("Stage") && "AWS::Serverless::Api".equals(resource.get("Type"))) {
                return java.util.Optional.of(resolve(map(resource.get("Properties")).get("StageName")));
            }
            return java.util.Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (o instanceof String s && s.contains(".")) { // !GetAtt Resource.Attribute
            return List.of((Object[]) s.split("\\.", 2));
        }
        return List.of(o);
    }

    /** SnakeYAML constructor that turns CloudFormation's short tags into their long form ({@code !Ref x} → {@code {Ref: x}}). */
    private static final class CloudFormationTags extends SafeConstructor {
        CloudFormationTags(LoaderOptions options) {
            super(options);
            for (String fn : List.of("Ref", "Condition")) {
                register("!" + fn, fn);
            }
            for (String fn : List.of("Sub", "GetAtt", "If", "Not", "Equals", "And", "Or", "Join", "Select", "Split",
                    "FindInMap", "Base64", "ImportValue", "GetAZs", "Cidr")) {
                register("!" + fn, "Fn::" + fn);
            }
        }

        private void register(String tag, String key) {
            this.yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value = switch (node) {
                        case ScalarNode s -> constructScalar(s);
                        case SequenceNode s -> constructSequence(s);
                        case MappingNode m -> constructMapping(m);
                        default -> throw new IllegalArgumentException("unexpected YAML node for " + tag);
                    };
                    return Map.of(key, value);
                }
            });
        }
    }
}
