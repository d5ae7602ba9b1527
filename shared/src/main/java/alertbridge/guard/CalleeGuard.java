package alertbridge.guard;

import alertbridge.concurrent.AllAtOnce;
import java.util.List;
import java.util.Optional;

/** Decides, number by number, whether an alert may dial a (valid, E.164) number. */
@FunctionalInterface
public interface CalleeGuard {
    /** Allows every number. */
    CalleeGuard NONE = e164 -> Optional.empty();

    /** @return why {@code e164} must not be dialled, or empty when it may be */
    Optional<String> refusal(String e164);

    /**
     * {@link #refusal} for each of {@code numbers}, asked all at once (one virtual thread each) so that a guard's
     * round trips overlap; a guard that can answer many numbers in one request overrides this.
     *
     * @return one answer per number, in order
     * @throws RuntimeException the first failure of {@link #refusal} (after every number was asked)
     */
    default List<Optional<String>> refusals(List<String> numbers) {
        return AllAtOnce.mapOrThrow(numbers, this::refusal);
    }

    /**
     * Gives back what {@link #refusals} counted for numbers that were then not dialled after all (Twilio refused to
     * create the call): a guard that counts calls counts only accepted ones. Best effort: never throws.
     */
    default void notPlaced(List<String> numbers) {
    }
}
