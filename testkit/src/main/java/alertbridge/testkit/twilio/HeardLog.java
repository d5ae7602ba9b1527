package alertbridge.testkit.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each callee has heard so far, by call sid: the text of every {@code <Say>} played to them, in order; and how
 * long after the answer the first of them started.
 */
final class HeardLog {
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    private final Map<String, Duration> firstWord = new ConcurrentHashMap<>();

    /** A new call, which has heard nothing yet. */
    void start(String callSid) {
        heard.put(callSid, new ArrayList<>());
    }

    /** @param twimlStartedNanos {@link System#nanoTime()} when the answered call's TwiML started; 0 if it has not */
    void add(String callSid, String said, long twimlStartedNanos) {
        if (twimlStartedNanos != 0) {
            firstWord.putIfAbsent(callSid, Duration.ofNanos(System.nanoTime() - twimlStartedNanos));
        }
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

    /**
     * From the answered call's TwiML starting (fetched or inline) to the start of the first {@code <Say>}, in real
     * time (not simulated); empty until then.
     */
    Optional<Duration> answerToFirstWord(String callSid) {
        return Optional.ofNullable(firstWord.get(callSid));
    }

    Map<String, List<String>> all() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        heard.keySet().forEach(sid -> out.put(sid, of(sid)));
        return Map.copyOf(out);
    }
}
