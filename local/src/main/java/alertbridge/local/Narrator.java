package alertbridge.local;

import alertbridge.phone.PhoneMask;
import alertbridge.testkit.twilio.CallNarration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a person watching {@code ./local/run} what each phone is doing, one line per step with the call's story so
 * far: {@code +81******5601 ringing → answered → pressed 1 → joined bridge (2 on bridge)}. Numbers are masked.
 */
public final class Narrator implements CallNarration {
    private final PrintStream out;
    private final Map<String, List<String>> stories = new ConcurrentHashMap<>();

    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** Says nothing: for tests. */
    public static Narrator silent() {
        return new Narrator(null);
    }

    /** One line about an incident's rounds of calls: {@code [rounds] rW8P...: round 2 starts}. */
    public void round(String incidentId, String what) {
        if (out != null) {
            out.println("  [rounds] " + incidentId + ": " + what);
        }
    }

    /** One line about a Slack command and its reply: {@code [slack] /oncall who sre → sre on call: ...}. */
    public void slack(String what) {
        if (out != null) {
            out.println("  [slack] " + what);
        }
    }

    @Override
    public void step(String callSid, String to, String step) {
        List<String> story = stories.computeIfAbsent(callSid, k -> new ArrayList<>());
        String line;
        synchronized (story) {
            story.add(step);
            line = PhoneMask.mask(to) + " " + String.join(" → ", story);
        }
        if (out != null) {
            out.println("  [phone] " + line);
        }
    }
}
