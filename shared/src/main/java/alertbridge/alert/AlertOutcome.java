package alertbridge.alert;

import alertbridge.phone.PhoneNumbers.Rejected;
import java.util.List;
import java.util.Optional;

/**
 * The answer to an alert: the incident, the calls Twilio accepted, the ones it refused, the numbers we refused; for a
 * team with an on-call schedule, whom it put on call and how it was used ({@code schedule}: {@code on_call},
 * {@code gap} or {@code unavailable}, the last two phoning the whole roster).
 */
public record AlertOutcome(String incidentId, String conference, List<PlacedCall> calls, List<FailedCall> failed,
                           List<Rejected> rejected,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           List<String> degraded,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           Optional<String> schedule,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           List<String> onCall) {

    /** What could not be done while the table was unavailable (the calls went out regardless). */
    public static final String DEDUP_UNCHECKED = "dedup: the incidents table could not be reached, so this alert was not"
            + " checked against open incidents; a retry of this request may ring everyone again";
    public static final String RATE_UNCHECKED = "rate guard: the incidents table could not be reached, so"
            + " MaxCallsPerNumberPerHour was not applied";
    public static final String NOT_RECORDED = "records: the incidents table could not be reached; the incident and its"
            + " calls are written when it is back (the timeline is incomplete until then)";

    public record PlacedCall(String to, String callSid, String status) {
    }

    public record FailedCall(String to, int code, String message) {
    }
}
