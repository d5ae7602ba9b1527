package alertbridge.local;

import java.io.Reader;
import java.util.List;
import java.util.Map;
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
 * A CloudFormation template as a YAML tree: loaded with the short tags in their long form ({@code !Ref x} →
 * {@code {Ref: x}}), and read as maps and lists.
 */
final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    /** The template's top-level mapping. */
    static Map<String, Object> load(Reader reader) {
        return new Yaml(new CloudFormationTags(new LoaderOptions())).load(reader);
    }

    /** {@code o} as a mapping; empty if it is none (absent too). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code o} as a sequence: a scalar is one entry, except {@code Resource.Attribute} ({@code !GetAtt}'s short form). */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
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
