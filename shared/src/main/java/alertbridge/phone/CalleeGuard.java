package alertbridge.phone;

import java.util.Optional;

/** Decides, number by number, whether an alert may dial a (valid, E.164) number. */
@FunctionalInterface
public interface CalleeGuard {
    /** Allows every number. */
    CalleeGuard NONE = e164 -> Optional.empty();

    /** @return why {@code e164} must not be dialled, or empty when it may be */
    Optional<String> refusal(String e164);
}
