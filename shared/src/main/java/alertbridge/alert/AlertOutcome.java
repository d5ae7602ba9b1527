package alertbridge.alert;

import alertbridge.phone.PhoneNumbers.Rejected;
import java.util.List;

/** The answer to an alert: the incident, the calls Twilio accepted, the ones it refused, the numbers we refused. */
public record AlertOutcome(String incidentId, String conference, List<PlacedCall> calls, List<FailedCall> failed,
                           List<Rejected> rejected) {

    public record PlacedCall(String to, String callSid, String status) {
    }

    public record FailedCall(String to, int code, String message) {
    }
}
