package alertbridge.testkit.twilio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each callee has heard so far, by call sid: the text of every {@code <Say>} played to them, in order. */
final class HeardLog {
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();

    /** A new call, which has heard nothing yet. */
    void start(String callSid) {
        heard.put(callSid, new ArrayList<>());
    }

    void add(String callSid, String said) {
        List<String> list = heard.computeIfAbsent(callSid, k -> new ArrayList<>());
        synchronized (list) {
            list.add(said);
        }
    }

    /** Empty for an unknown sid. */
    List<String> of(String callSid) {
        List<String> said = heard.get(callSid);
        if (said == null) {
            return List.of();
        }
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    Map<String, List<String>> all() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        heard.keySet().forEach(sid -> out.put(sid, of(sid)));
        return Map.copyOf(out);
    }
}
