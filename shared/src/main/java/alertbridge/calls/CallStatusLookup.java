package alertbridge.calls;

import java.util.Optional;

/**
 * What the phone provider says a call is doing now. Our records of a call can lag (its callbacks and its join may
 * still wait on the records queue after a table outage); before a call is taken as over and its callee dialled again,
 * the provider, which holds the truth, is asked.
 */
public interface CallStatusLookup {
    /** Knows nothing: a call is judged by our records alone. */
    CallStatusLookup NONE = callSid -> Optional.empty();

    /**
     * @return the call's status now ({@code queued}, {@code ringing}, {@code in-progress}, or a final one such as
     *         {@code completed}); empty when it cannot be said: never throws
     */
    Optional<String> status(String callSid);
}
