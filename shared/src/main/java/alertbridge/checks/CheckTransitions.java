package alertbridge.checks;

import java.time.Instant;
import java.util.Optional;

/** The state machine of a check: what a ping or a missed deadline does, and whether it pages or resolves. */
public final class CheckTransitions {
    /** What the caller must do once the new state is stored (and only if it was: writes are conditional). */
    public enum Effect { NONE, PAGE, RESOLVE }

    public record Outcome(Check check, Effect effect) {
        public boolean changes(Check before) {
            return !check.equals(before);
        }
    }

    private CheckTransitions() {
    }

    /** A ping arrived. A success resolves a down check; a failure pages at once, unless already down. */
    public static Outcome ping(Check check, Ping ping) {
        Optional<Ping> last = Optional.of(ping);
        boolean down = check.state() == CheckState.DOWN;
        return switch (ping.kind()) {
            case SUCCESS -> new Outcome(check.next(CheckState.UP, ping.at(), last, Optional.of(ping.at()), Optional.empty(),
                    Optional.empty()), down ? Effect.RESOLVE : Effect.NONE);
            case START -> down
                    ? new Outcome(keepDown(check, last), Effect.NONE)
                    : new Outcome(check.next(CheckState.STARTED, ping.at(), last, check.lastSuccess(), Optional.empty(),
                        Optional.empty()), Effect.NONE);
            case FAIL -> down
                    ? new Outcome(keepDown(check, last), Effect.NONE)
                    : new Outcome(check.next(CheckState.DOWN, ping.at(), last, check.lastSuccess(), Optional.empty(),
                        Optional.empty()), Effect.PAGE);
        };
    }

    /**
     * The detector looked at {@code now}: a check past its deadline goes down and pages; a down check whose page
     * opened no incident pages again. Anything else is left as it is.
     */
    public static Outcome detect(Check check, Instant now) {
        Optional<Instant> deadline = check.deadline();
        if (deadline.isEmpty() || now.isBefore(deadline.get())) {
            return new Outcome(check, Effect.NONE);
        }
        if (check.state() == CheckState.DOWN) {
            return new Outcome(check.pageFailed(now), Effect.PAGE);
        }
        return new Outcome(check.next(CheckState.DOWN, now, check.lastPing(), check.lastSuccess(), Optional.empty(),
                Optional.empty()), Effect.PAGE);
    }

    private static Check keepDown(Check check, Optional<Ping> last) {
        return check.next(CheckState.DOWN, check.since(), last, check.lastSuccess(), check.incidentId(), check.pageTried());
    }
}
