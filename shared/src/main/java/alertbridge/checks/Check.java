package alertbridge.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A check-in: a job that must ping at least every {@code period}, with {@code grace} to spare. Immutable; the
 * transitions ({@link CheckTransitions}) return a new value.
 *
 * @param since     when the current state began (the last success for UP, the start for STARTED, the miss for DOWN)
 * @param lastPing  the last ping of any kind
 */
public record Check(String name, Duration period, Duration grace, CheckState state, Instant created, Instant since,
                    Optional<Instant> lastPing) {
    public Check {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("check name must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (period.compareTo(Duration.ofMinutes(1)) < 0 || period.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("periodSeconds must be between 60 and 31622400");
        }
        if (grace.isNegative() || grace.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("graceSeconds must be between 0 and 31622400");
        }
    }

    public static Check created(String name, Duration period, Duration grace, Instant now) {
        return new Check(name, period, grace, CheckState.NEW, now, now, Optional.empty());
    }

    /**
     * When the detector must look at this check next: period + grace after the last success (or creation), grace
     * after a start; none while down (only a ping changes a down check).
     */
    public Optional<Instant> deadline() {
        return switch (state) {
            case NEW, UP -> Optional.of(since.plus(period).plus(grace));
            case STARTED -> Optional.of(since.plus(grace));
            case DOWN -> Optional.empty();
        };
    }

    /** The dedup key its incident is raised under, so a down check pages once. */
    public String dedupKey() {
        return "check:" + name;
    }

    Check with(CheckState newState, Instant newSince, Optional<Instant> ping) {
        return new Check(name, period, grace, newState, created, newSince, ping);
    }
}
