package alertbridge.incident;

import java.time.Instant;

/**
 * Someone sent into the bridge: a callee who pressed a key, or a caller who dialled in.
 *
 * @param to  the callee's number; for a dial-in, the caller's
 * @param via {@link #CALL} (we called them) or {@link #CALL_IN} (they dialled our number)
 */
public record JoinRecord(String callSid, String to, Instant joinedAt, String via) {
    public static final String CALL = "call";
    public static final String CALL_IN = "call-in";

    /** A callee of one of our calls. */
    public JoinRecord(String callSid, String to, Instant joinedAt) {
        this(callSid, to, joinedAt, CALL);
    }
}
