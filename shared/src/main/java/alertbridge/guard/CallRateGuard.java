package alertbridge.guard;

import alertbridge.table.RateCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The per-number guard: one number is dialled at most {@code maxPerHour} times per clock hour (UTC), across all
 * incidents, so a leaked alert URL cannot be used to phone-bomb someone and a flapping alert cannot wake a person
 * every minute. One counter per number and hour in the incidents table ({@link RateCounters}, {@code RATE#<e164>}),
 * incremented atomically on the condition {@code calls < max}: concurrent alerts cannot overshoot, and a refused
 * number is not counted. Asking counts as dialling (the number is about to be dialled); a call Twilio then refuses
 * to create is taken back ({@link #notPlaced}), so only accepted calls use up the hour's allowance.
 */
public final class CallRateGuard implements CalleeGuard {
    private static final alertbridge.log.JsonLog LOG = alertbridge.log.JsonLog.forComponent("rate-guard");
    private final RateCounters counters;
    private final int maxPerHour;
    private final Clock clock;

    public CallRateGuard(RateCounters counters, int maxPerHour, Clock clock) {
        if (maxPerHour < 1) {
            throw new IllegalArgumentException("MaxCallsPerNumberPerHour must be at least 1");
        }
        this.counters = counters;
        this.maxPerHour = maxPerHour;
        this.clock = clock;
    }

    /** Counts one call to {@code e164}; refuses it (counting nothing) when the hour's limit is reached. */
    @Override
    public Optional<String> refusal(String e164) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        if (counters.countIfBelow(e164, hour, maxPerHour)) {
            return Optional.empty();
        }
        return Optional.of(reason());
    }

    /** Counts every number in one table request ({@link RateCounters#countEachIfBelow}), not one per number. */
    @Override
    public List<Optional<String>> refusals(List<String> numbers) {
        Set<String> counted = counters.countEachIfBelow(numbers, clock.instant().truncatedTo(ChronoUnit.HOURS), maxPerHour);
        return numbers.stream().map(n -> counted.contains(n) ? Optional.<String>empty() : Optional.of(reason())).toList();
    }

    /**
     * A call Twilio refused to create counts for nothing: taken back from this hour's counter (best effort: a failure
     * is logged and the count stays, which errs on the side of fewer calls).
     */
    @Override
    public void notPlaced(List<String> numbers) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        for (String number : numbers) {
            try {
                counters.uncount(number, hour);
            } catch (RuntimeException e) {
                LOG.warn("rate_not_given_back", "to", alertbridge.phone.PhoneMask.mask(number), "error", e.getClass().getSimpleName());
            }
        }
    }

    private String reason() {
        return "refused: already called " + maxPerHour + " times this hour (MaxCallsPerNumberPerHour)";
    }
}
