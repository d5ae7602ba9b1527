package alertbridge.checks;

import java.time.Instant;
import java.util.Optional;

/** The state machine of a check: what a ping or a missed deadline does, and whether it pages or resolves. */
public final class CheckTransitions {
    /** What the caller must do after storing {@code check}. */
    public enum Effect { NONE, PAGE, RESOLVE }

    public record Outcome(Check check, Effect effect) { }

    private CheckTransitions() {
    }

    /** A ping arrived at {@code now}. */
    public static Outcome ping(Check check, PingKind kind, Instant now) {
        Optional<Instant> ping = Optional.of(now);
        return switch (kind) {
            case SUCCESS -> new Outcome(check.with(CheckState.UP, now, ping),
                check.state() == CheckState.DOWN ? Effect.RESOLVE : Effect.NONE);
            case START -> check.state() == CheckState.DOWN
                ? new Outcome(check.with(CheckState.DOWN, check.since(), ping), Effect.NONE)
                : new Outcome(check.with(CheckState.STARTED, now, ping), Effect.NONE);
            case FAIL -> check.state() == CheckState.DOWN
                ? new Outcome(check.with(CheckState.DOWN, check.since(), ping), Effect.NONE)
                : new Outcome(check.with(CheckState.DOWN, now, ping), Effect.PAGE);
        };
    }

    /**
     * The detector looked at {@code now}: a check past its deadline goes down and pages, since its deadline.
     * Anything else is left as it is.
     */
    public static Outcome detect(Check check, Instant now) {
        Optional<Instant> deadline = check.deadline();
        if (deadline.isEmpty() || now.isBefore(deadline.get())) {
            return new Outcome(check, Effect.NONE);
        }
        return new Outcome(check.with(CheckState.DOWN, now, check.lastPing()), Effect.PAGE);
    }
}
