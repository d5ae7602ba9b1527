package alertbridge.alert;

import alertbridge.phone.PhoneNumbers.Rejected;
import java.util.List;

/** The answer to an alert: the incident, the calls Twilio accepted, the ones it refused, the numbers we refused. */
public record AlertOutcome(String incidentId, String conference, List<PlacedCall> calls, List<FailedCall> failed,
                           List<Rejected> rejected,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           List<String> degraded) {
    /** A page made with every guard and record in place. */
    public AlertOutcome(String incidentId, String conference, List<PlacedCall> calls, List<FailedCall> failed,
                        List<Rejected> rejected) {
        this(incidentId, conference, calls, failed, rejected, List.of());
    }

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
