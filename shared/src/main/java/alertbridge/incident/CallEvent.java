package alertbridge.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One call-progress report from the phone network (a Twilio status callback), free of Twilio types.
 *
 * @param callStatus Twilio's CallStatus: queued, initiated, ringing, in-progress, completed, busy, no-answer,
 *                   failed, canceled
 * @param sequence   the order of this report within its call (Twilio's SequenceNumber); -1 when absent
 */
public record CallEvent(String callSid, String to, String callStatus, Instant at, int sequence,
                        Optional<Integer> durationSeconds) {
    public static final java.util.Set<String> STATUSES = java.util.Set.of(
            "queued", "initiated", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled");
    /** The statuses a call ends with. */
    public static final java.util.Set<String> FINAL_STATUSES = java.util.Set.of("completed", "busy", "no-answer", "failed", "canceled");
}
