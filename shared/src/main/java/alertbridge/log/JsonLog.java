package alertbridge.log;

import alertbridge.ids.IncidentIds;
import alertbridge.phone.PhoneMask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One JSON line per event on standard output (CloudWatch Logs keeps each line as one event):
 * {@code {"ts", "level", "component", "event", <fields>...}}. Callers still pass only what may be logged (masked
 * numbers ({@link PhoneMask#mask}), ids and codes, never tokens, signatures or SSM values); the line itself makes
 * sure that a value nobody expected to carry a phone number (a monitoring tool's {@code state}, a field of a
 * callback) cannot put one in the logs, and that no field can disguise the line:
 * <ul>
 *   <li><b>Every field value is masked</b> with {@link PhoneMask#maskAll}: any run of 7 or more digits (with
 *       {@code +} and separators) keeps only its country code and last four digits ({@code +81******5601}). Text
 *       without such a run, and numbers below a million, are written unchanged; a larger number is written as its
 *       masked text ({@code "***4567"}), since a number can carry a phone number too. Lists are masked element by
 *       element (the first {@value #MAX_ITEMS}); any other object is written as its masked {@code toString()}.</li>
 *   <li><b>Except ids of the shape their key names</b>, written verbatim so lines can be correlated:
 *       {@code incidentId}, {@code incident}, {@code incidents} when a well-formed incident id
 *       ({@link IncidentIds#isWellFormed}); {@code callSid}, {@code conferenceSid}, {@code messageSid} when a Twilio
 *       SID (two capital letters and 32 hex digits); {@code messageId} when a UUID (SNS, SQS). A value of any other
 *       shape under these keys is masked like any other.</li>
 *   <li><b>Every text value is bounded</b> to {@value #MAX_VALUE_CHARS} characters; a longer one is cut and ends with
 *       {@code …(<n> chars)}, its original length. Keys are masked and bounded to {@value #MAX_KEY_CHARS}.</li>
 *   <li><b>The line's own keys win</b>: {@code ts}, {@code level}, {@code component} and {@code event} come from the
 *       code and are written as given; a field under one of them (or under a key given twice) never replaces it,
 *       it is written as {@code field_<key>} instead (e.g. {@code field_event}). Name fields so this never happens.</li>
 * </ul>
 */
public final class JsonLog {
    /** Longest text value written; a longer one is cut. */
    public static final int MAX_VALUE_CHARS = 200;
    /** Longest key written. */
    public static final int MAX_KEY_CHARS = 64;
    /** Most list elements written. */
    public static final int MAX_ITEMS = 20;
    /** What a field key that is already on the line is prefixed with. */
    public static final String COLLISION_PREFIX = "field_";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TWILIO_SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Predicate<String> INCIDENT_ID = IncidentIds::isWellFormed;
    private static final Predicate<String> SID = v -> TWILIO_SID.matcher(v).matches();
    /** The keys whose values are written verbatim when they have the shape the key names. */
    private static final Map<String, Predicate<String>> VERBATIM_WHEN = Map.of(
            "incidentId", INCIDENT_ID, "incident", INCIDENT_ID, "incidents", INCIDENT_ID,
            "callSid", SID, "conferenceSid", SID, "messageSid", SID,
            "messageId", v -> UUID.matcher(v).matches());

    private static volatile PrintStream out = System.out;
    /** Lines of this thread are formatted but not written: the synthetic requests of SnapStart priming. */
    private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> false);

    private final String component;

    private JsonLog(String component) {
        this.component = component;
    }

    public static JsonLog forComponent(String component) {
        return new JsonLog(component);
    }

    /** Tests capture the log output of a whole flow through this. */
    public static void redirect(PrintStream target) {
        out = target;
    }

    /**
     * Runs {@code work} with this thread's lines formatted as usual but not written: SnapStart priming drives handlers
     * with synthetic requests that must not show up in the logs as a forged webhook or a wrong token.
     */
    public static void muted(Runnable work) {
        boolean before = MUTED.get();
        MUTED.set(true);
        try {
            work.run();
        } finally {
            MUTED.set(before);
        }
    }

    /** @param keyValues field keys and values, alternating (a last key without a value is dropped) */
    public void info(String event, Object... keyValues) {
        write("INFO", event, keyValues);
    }

    public void warn(String event, Object... keyValues) {
        write("WARN", event, keyValues);
    }

    public void error(String event, Object... keyValues) {
        write("ERROR", event, keyValues);
    }

    /**
     * One line in CloudWatch's embedded metric format: after the usual {@code ts}, {@code level}, {@code component} and
     * {@code event}, {@code fields} as they are (the {@code _aws} metadata, dimensions and metric values: built by us
     * from validated names and numbers, never from request text, so not masked).
     */
    public void metrics(String event, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("level", "INFO");
        line.put("component", component);
        line.put("event", event);
        fields.forEach(line::putIfAbsent);
        print(line);
    }

    private void write(String level, String event, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("component", component);
        line.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = bounded(PhoneMask.maskAll(String.valueOf(keyValues[i])), MAX_KEY_CHARS);
            while (line.containsKey(key)) {
                key = COLLISION_PREFIX + key;
            }
            line.put(key, safe(VERBATIM_WHEN.getOrDefault(key, v -> false), keyValues[i + 1]));
        }
        print(line);
    }

    private static void print(Map<String, Object> line) {
        try {
            String json = JSON.writeValueAsString(line);
            if (!MUTED.get()) {
                out.println(json);
            }
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log_serialisation_failed\"}");
        }
    }

    /** The value as it may be logged: null, a boolean, a small number, masked bounded text, or a list of those. */
    private static Object safe(Predicate<String> verbatim, Object value) {
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case Number n -> {
                String text = n.toString();
                yield PhoneMask.maskAll(text).equals(text) ? n : text(v -> false, text);
            }
            case Optional<?> o -> o.map(v -> safe(verbatim, v)).orElse(null);
            case Collection<?> c -> {
                List<Object> items = new ArrayList<>();
                for (Object item : c) {
                    if (items.size() == MAX_ITEMS) {
                        items.add("…(" + c.size() + " items)");
                        break;
                    }
                    items.add(safe(verbatim, item));
                }
                yield items;
            }
            case Enum<?> e -> text(verbatim, e.name());
            default -> text(verbatim, String.valueOf(value));
        };
    }

    private static String text(Predicate<String> verbatim, String value) {
        if (verbatim.test(value)) {
            return value;
        }
        // masking keeps the length, so masking a prefix twice as long as what is kept masks every number kept whole
        return bounded(PhoneMask.maskAll(cut(value, 2 * MAX_VALUE_CHARS)), MAX_VALUE_CHARS, value.length());
    }

    private static String bounded(String text, int max) {
        return bounded(text, max, text.length());
    }

    private static String bounded(String text, int max, int originalLength) {
        return originalLength <= max ? text : cut(text, max) + "…(" + originalLength + " chars)";
    }

    /** At most {@code max} characters, never half a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
