package alertbridge.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per event on standard output (CloudWatch Logs keeps each line as one event).
 * Callers pass only safe values: masked numbers ({@link alertbridge.phone.PhoneMask}), ids and codes,
 * never tokens, signatures or SSM values.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PrintStream out = System.out;

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

    public void info(String event, Object... keyValues) {
        write("INFO", event, keyValues);
    }

    public void warn(String event, Object... keyValues) {
        write("WARN", event, keyValues);
    }

    public void error(String event, Object... keyValues) {
        write("ERROR", event, keyValues);
    }

    private void write(String level, String event, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("component", component);
        line.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log_serialisation_failed\"}");
        }
    }
}
