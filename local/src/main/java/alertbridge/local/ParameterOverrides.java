package alertbridge.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Template parameter values from {@code ./local/run --parameter-overrides ...}, written as {@code sam deploy} takes
 * them: {@code Name=Value} or {@code ParameterKey=Name,ParameterValue=Value}, several to an argument when separated by
 * spaces, a value in double quotes when it holds spaces ({@code SayVoice="Polly Joanna"}). A name given twice keeps
 * its last value, as with sam.
 */
public record ParameterOverrides(Map<String, String> values) {
    /** Set by the runner itself, to the local API's URL (or {@code PUBLIC_URL}, the tunnel, for real calls). */
    static final String PUBLIC_BASE_URL = "PublicBaseUrl";

    private static final String OPTION = "--parameter-overrides";
    private static final Pattern LONG_FORM = Pattern.compile("ParameterKey=([^,]*),ParameterValue=(.*)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");

    /** A command line or a value the runner cannot start with; its message is one line for the person at the terminal. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    public ParameterOverrides {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The runner's arguments: {@code --parameter-overrides} takes every argument after it up to the next {@code --option}. */
    public static ParameterOverrides fromCommandLine(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.equals(OPTION)) {
                throw new Refused((arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg + "'")
                        + " (./local/run --help shows the options)");
            }
            List<String> pairs = new ArrayList<>();
            while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                pairs.add(args.get(++i));
            }
            if (pairs.isEmpty()) {
                throw new Refused(OPTION + " needs Name=Value pairs, e.g. " + OPTION + " MaxCallees=3 RequireKeypress=false");
            }
            values.putAll(parse(pairs).values());
        }
        return new ParameterOverrides(values);
    }

    /** The pairs in {@code args} (each argument may hold several, separated by spaces). */
    public static ParameterOverrides parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            for (String pair : pairs(arg)) {
                Matcher longForm = LONG_FORM.matcher(pair);
                int eq = pair.indexOf('=');
                String name = longForm.matches() ? longForm.group(1)
                        : eq < 0 || pair.startsWith("ParameterKey=") ? "" : pair.substring(0, eq);
                if (!NAME.matcher(name).matches()) {
                    throw new Refused("'" + pair + "' is not Name=Value (or ParameterKey=Name,ParameterValue=Value)");
                }
                values.remove(name); // the last one wins, and is listed where it was given
                values.put(name, longForm.matches() ? longForm.group(2) : pair.substring(eq + 1));
            }
        }
        return new ParameterOverrides(values);
    }

    /** Splits at spaces outside double quotes; the quotes go, a backslash inside them escapes {@code "} or {@code \}. */
    private static List<String> pairs(String arg) {
        List<String> pairs = new ArrayList<>();
        StringBuilder pair = null;
        boolean quoted = false;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (quoted && c == '\\' && i + 1 < arg.length() && (arg.charAt(i + 1) == '"' || arg.charAt(i + 1) == '\\')) {
                pair.append(arg.charAt(++i));
            } else if (quoted) {
                quoted = c != '"';
                if (quoted) {
                    pair.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (pair != null) {
                    pairs.add(pair.toString());
                    pair = null;
                }
            } else {
                pair = pair == null ? new StringBuilder() : pair;
                quoted = c == '"';
                if (!quoted) {
                    pair.append(c);
                }
            }
        }
        if (quoted) {
            throw new Refused("a double quote is not closed in '" + arg + "'");
        }
        if (pair != null) {
            pairs.add(pair.toString());
        }
        return pairs;
    }

    /** Why the runner refuses these values for {@code template}: an unknown name, a broken constraint, or {@code PublicBaseUrl}. */
    public Optional<String> refusal(SamTemplate template) {
        Map<String, TemplateParameter> declared = template.parameters();
        for (Map.Entry<String, String> override : values.entrySet()) {
            String name = override.getKey();
            if (name.equals(PUBLIC_BASE_URL)) {
                return Optional.of(PUBLIC_BASE_URL + " cannot be overridden: ./local/run sets it to the local API's URL"
                        + " (for real Twilio calls through a tunnel, set PUBLIC_URL)");
            }
            TemplateParameter parameter = declared.get(name);
            if (parameter == null) {
                String similar = declared.keySet().stream().filter(name::equalsIgnoreCase).map(n -> " (did you mean " + n + "?)")
                        .findFirst().orElse("");
                return Optional.of("unknown parameter " + name + similar + "; template.yaml declares "
                        + declared.keySet().stream().filter(n -> !n.equals(PUBLIC_BASE_URL)).collect(Collectors.joining(", ")));
            }
            Optional<String> refusal = parameter.refusal(override.getValue());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The values that differ from {@code defaults}, as {@code Name=Value ...} on one line. */
    public String describe(Map<String, String> defaults) {
        String changed = values.entrySet().stream()
                .filter(e -> !e.getValue().equals(defaults.get(e.getKey())))
                .map(e -> e.getKey() + "=" + TemplateParameter.quoted(e.getValue()))
                .collect(Collectors.joining(" "));
        return changed.isEmpty() ? "all parameters at their defaults" : changed;
    }
}
