package alertbridge.guard;

import java.util.Objects;

/**
 * What an alert asks about each valid number before dialling it, in two places.
 *
 * @param policy which numbers may be dialled at all (e.g. {@link alertbridge.guard.TollFraudGuard}); asked before the
 *               {@code MaxCallees} cut, so refused numbers take no place
 * @param rate   asked last, after the dedup claim, for each number about to be dialled (e.g. {@link CallRateGuard},
 *               which counts it)
 */
public record CalleeGuards(CalleeGuard policy, CalleeGuard rate) {
    public CalleeGuards {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(rate, "rate");
    }
}
