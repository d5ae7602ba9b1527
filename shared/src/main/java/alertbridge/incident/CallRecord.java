package alertbridge.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * A call as recorded when Twilio answered our request to place it.
 *
 * @param callSid empty when Twilio refused to place the call
 * @param status  Twilio's status from the create request ({@code queued}), or {@code failed}
 * @param round   the round of the incident's calls it was placed in, from 1
 */
public record CallRecord(String to, Optional<String> callSid, String status, Optional<Integer> errorCode,
                         Optional<String> errorMessage, Instant placedAt, int round) {
    /** A round-1 call. */
    public CallRecord(String to, Optional<String> callSid, String status, Optional<Integer> errorCode,
                      Optional<String> errorMessage, Instant placedAt) {
        this(to, callSid, status, errorCode, errorMessage, placedAt, 1);
    }
}
