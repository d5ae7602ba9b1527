package alertbridge.twilio;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's callback fields, read into our events: a call's status callback ({@code CallSid}, {@code CallStatus},
 * {@code To}, {@code CallDuration}) and a conference's ({@code ConferenceSid}, {@code StatusCallbackEvent},
 * {@code CallSid}), both with {@code SequenceNumber} and {@code Timestamp} (RFC 1123).
 */
public final class TwilioCallbacks {
    private static final JsonLog LOG = JsonLog.forComponent("twilio-callbacks");

    private final Clock clock;

    /** @param clock stands in for a missing or unreadable {@code Timestamp} */
    public TwilioCallbacks(Clock clock) {
        this.clock = clock;
    }

    /** @throws Refusal invalid when {@code CallSid} or {@code CallStatus} is missing (the status is checked by CallEvent) */
    public CallEvent callEvent(Map<String, String> params) {
        return new CallEvent(required(params, "CallSid"), params.getOrDefault("To", ""), required(params, "CallStatus"),
                timestamp(params), sequence(params), whole(params.get("CallDuration")));
    }

    /** @throws Refusal invalid when {@code ConferenceSid} or {@code StatusCallbackEvent} is missing */
    public ConferenceEvent conferenceEvent(Map<String, String> params) {
        return new ConferenceEvent(required(params, "ConferenceSid"), required(params, "StatusCallbackEvent"),
                Optional.ofNullable(params.get("CallSid")).filter(s -> !s.isBlank()), timestamp(params), sequence(params));
    }

    /** The {@code CallSid} of a voice webhook. @throws Refusal invalid when missing */
    public static String callSid(Map<String, String> params) {
        String sid = params.get("CallSid");
        if (sid == null || sid.isBlank()) {
            throw Refusal.invalid("missing_call_sid", "a Twilio voice webhook carries CallSid");
        }
        return sid;
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("missing_" + name, "a Twilio callback to this URL carries " + name);
        }
        return value.strip();
    }

    /** Twilio's Timestamp ("Mon, 23 Nov 2026 03:04:05 +0000"); our clock when absent or unreadable. */
    private Instant timestamp(Map<String, String> params) {
        String raw = params.get("Timestamp");
        if (raw != null && !raw.isBlank()) {
            try {
                return ZonedDateTime.parse(raw.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                LOG.warn("unreadable_timestamp", "length", raw.length());
            }
        }
        return clock.instant();
    }

    private static int sequence(Map<String, String> params) {
        return whole(params.get("SequenceNumber")).orElse(-1);
    }

    private static Optional<Integer> whole(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(raw.strip());
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
