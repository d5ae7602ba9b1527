package alertbridge.guard;

import alertbridge.concurrent.AllAtOnce;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

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
     * The numbers this guard allows, asked about all of them at once ({@link #refusals}); each refused one is handed
     * to {@code refused} with the guard's reason, in order.
     *
     * @throws RuntimeException when the guard cannot be asked (before anything is handed over)
     */
    default List<String> allowed(List<String> numbers, BiConsumer<String, String> refused) {
        List<Optional<String>> refusals = refusals(numbers);
        List<String> allowed = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            refusals.get(i).ifPresentOrElse(reason -> refused.accept(number, reason), () -> allowed.add(number));
        }
        return allowed;
    }

    /**
     * Gives back what {@link #refusals} counted for numbers that were then not dialled after all (Twilio refused to
     * create the call): a guard that counts calls counts only accepted ones. Best effort: never throws.
     */
    default void notPlaced(List<String> numbers) {
    }
}
