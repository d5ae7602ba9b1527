package alertbridge.table;

/**
 * The incidents table could not be reached or refused to serve (an outage, throttling, a timeout): anything but a
 * condition that did not hold. Callers on a paging path carry on without the table (the page gets through) and say
 * what they could not do; writes that could not be made are deferred ({@link WriteBehind}) where one is configured.
 */
public final class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(String what, RuntimeException cause) {
        super(what + ": " + cause.getClass().getSimpleName(), cause);
    }
}
