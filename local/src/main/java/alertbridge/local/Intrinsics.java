package alertbridge.local;

import static alertbridge.local.CloudFormationYaml.list;
import static alertbridge.local.CloudFormationYaml.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions the way CloudFormation does, for the ones this template uses
 * ({@code !Ref}, {@code !Sub}, {@code !If}, {@code !Not}, {@code !Equals}, {@code !GetAtt}, {@code Condition}, and
 * SAM's {@code <Api>.Stage}), against parameter values and resources' physical ids.
 */
final class Intrinsics {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> template;
    private final Map<String, String> parameters;
    private final Map<String, String> physicalIds;

    /**
     * @param template     the whole template (its Conditions and Resources are looked up)
     * @param parameters   parameter values
     * @param physicalIds  what {@code !Ref <resource>} resolves to; a resource without one gives its logical id
     */
    Intrinsics(Map<String, Object> template, Map<String, String> parameters, Map<String, String> physicalIds) {
        this.template = template;
        this.parameters = parameters;
        this.physicalIds = physicalIds;
    }

    /** Whether {@code value} is one intrinsic function call ({@code {Ref: x}}, {@code {Fn::...: ...}}, {@code {Condition: x}}). */
    static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
            return false;
        }
        String key = m.keySet().iterator().next().toString();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
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
            case "Fn::GetAtt" -> {
                List<String> target = list(arg).stream().map(Object::toString).toList();
                yield samProperty(target.get(0), target.get(1)).orElse("arn:local:" + String.join(".", target));
            }
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
    private Optional<Object> samProperty(String logicalId, String property) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
        if (property.equals("Stage") && "AWS::Serverless::Api".equals(resource.get("Type"))) {
            return Optional.of(resolve(map(resource.get("Properties")).get("StageName")));
        }
        if (property.equals("Value") && "AWS::SSM::Parameter".equals(resource.get("Type"))) { // a value written once
            return Optional.of(resolve(map(resource.get("Properties")).get("Value")));
        }
        return Optional.empty();
    }
}
