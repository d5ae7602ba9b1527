package alertbridge.incident;

import java.time.Instant;

/** A callee who pressed a key and was sent into the bridge. */
public record JoinRecord(String callSid, String to, Instant joinedAt) {
}
