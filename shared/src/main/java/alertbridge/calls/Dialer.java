package alertbridge.calls;

/** Places one outbound call. Implementations must be safe to call from many threads at once. */
public interface Dialer {
    DialResult dial(DialRequest request);
}
