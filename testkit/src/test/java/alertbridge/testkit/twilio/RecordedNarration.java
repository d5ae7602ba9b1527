package alertbridge.testkit.twilio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CallNarration} that keeps every step told, in order, for the simulator's own tests. */
final class RecordedNarration implements CallNarration {
    /** One step as told. */
    record Step(String callSid, String to, String step) {
    }

    private final List<Step> steps = new CopyOnWriteArrayList<>();

    @Override
    public void step(String callSid, String to, String step) {
        steps.add(new Step(callSid, to, step));
    }

    /** The steps told about one call (or message), in order. */
    List<String> of(String sid) {
        return steps.stream().filter(s -> s.callSid().equals(sid)).map(Step::step).toList();
    }

    List<Step> all() {
        return List.copyOf(steps);
    }
}
