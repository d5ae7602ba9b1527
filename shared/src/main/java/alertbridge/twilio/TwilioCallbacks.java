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
import java.util.regex.Pattern;

/**
 * Twilio's callback fields, read into our events: a call's status callback ({@code CallSid}, {@code CallStatus},
 * {@code To}, {@code CallDuration}) and a conference's ({@code ConferenceSid}, {@code StatusCallbackEvent},
 * {@code CallSid}), both with {@code SequenceNumber} and {@code Timestamp} (RFC 1123).
 *
 * <p>A signed callback is still checked field by field before anything of it is stored or logged: a SID becomes
 * part of a DynamoDB key (1 KB at most) and every field part of an item (400 KB at most), so an oversized or
 * misshapen field would fail the write with a 5xx, which Twilio retries for ever. What Twilio documents, and what
 * {@link #callEvent} and {@link #conferenceEvent} refuse ({@link Refusal#invalid}, a 4xx) otherwise:
 * <ul>
 *   <li>{@code CallSid}: {@code CA} and 32 hexadecimal digits; {@code ConferenceSid}: {@code CF} and 32 (a SID is
 *       "a two-letter prefix followed by 32 hexadecimal digits"; either case of hex is read);</li>
 *   <li>{@code To}, {@code From}: at most {@value #MAX_ADDRESS_CHARS} characters without control characters (a
 *       phone number, or a {@code client:} / {@code sip:} address, or a word such as {@code anonymous});</li>
 *   <li>{@code StatusCallbackEvent}: a lower-case, hyphenated word of at most {@value #MAX_EVENT_CHARS} characters
 *       ({@code participant-join}, ...);</li>
 *   <li>{@code SequenceNumber}: when present, a whole number of at most 9 digits;</li>
 *   <li>{@code Timestamp}: when present, at most {@value #MAX_TIMESTAMP_CHARS} characters without control
 *       characters; one that is short but unreadable still stands for our clock (only the parsed instant is kept).</li>
 * </ul>
 */
public final class TwilioCallbacks {
    private static final JsonLog LOG = JsonLog.forComponent("twilio-callbacks");
    /** Longest {@code To} / {@code From} read: a phone number, a {@code client:} name or a {@code sip:} URI. */
    public static final int MAX_ADDRESS_CHARS = 256;
    /** Longest {@code StatusCallbackEvent} read (Twilio's are at most 25). */
    public static final int MAX_EVENT_CHARS = 64;
    /** Longest {@code Timestamp} read (an RFC 1123 date is at most 31). */
    public static final int MAX_TIMESTAMP_CHARS = 64;
    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");
    private static final Pattern CONFERENCE_SID = Pattern.compile("CF[0-9a-fA-F]{32}");
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0," + (MAX_EVENT_CHARS - 1) + "}");
    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{1,9}");

    private final Clock clock;

    /** @param clock stands in for a missing or unreadable {@code Timestamp} */
    public TwilioCallbacks(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws Refusal invalid when {@code CallSid} or {@code CallStatus} is missing, or a field is not what Twilio
     *                 sends (see the class comment; the status itself is checked by the service)
     */
    public CallEvent callEvent(Map<String, String> params) {
        String callSid = sid(params, "CallSid", CALL_SID, "CA");
        String to = address(params, "To");
        address(params, "From");
        return new CallEvent(callSid, to, required(params, "CallStatus"), timestamp(params), sequence(params),
                whole(params.get("CallDuration")));
    }

    /**
     * @throws Refusal invalid when {@code ConferenceSid} or {@code StatusCallbackEvent} is missing, or a field is not
     *                 what Twilio sends (see the class comment)
     */
    public ConferenceEvent conferenceEvent(Map<String, String> params) {
        String conferenceSid = sid(params, "ConferenceSid", CONFERENCE_SID, "CF");
        String event = required(params, "StatusCallbackEvent");
        if (!EVENT_NAME.matcher(event).matches()) {
            throw Refusal.invalid("invalid_StatusCallbackEvent", "StatusCallbackEvent is a lower-case word with hyphens"
                    + " of at most " + MAX_EVENT_CHARS + " characters, e.g. participant-join");
        }
        Optional<String> callSid = Optional.ofNullable(params.get("CallSid")).filter(s -> !s.isBlank())
                .map(s -> sid(params, "CallSid", CALL_SID, "CA"));
        return new ConferenceEvent(conferenceSid, event, callSid, timestamp(params), sequence(params));
    }

    /**
     * The {@code CallSid} of a voice webhook ({@code /join_conference}, {@code /call_in}): a signed request with an
     * odd one is refused before it can reach a key (a 2,000-character SID would not fit DynamoDB's).
     *
     * @throws Refusal invalid when missing or not {@code CA} and 32 hexadecimal digits
     */
    public static String callSid(Map<String, String> params) {
        String sid = params.get("CallSid");
        if (sid == null || sid.isBlank()) {
            throw Refusal.invalid("missing_call_sid", "a Twilio voice webhook carries CallSid");
        }
        return sid(params, "CallSid", CALL_SID, "CA");
    }

    /** A required SID of this shape (surrounding blanks ignored). */
    private static String sid(Map<String, String> params, String name, Pattern shape, String prefix) {
        String sid = required(params, name);
        if (!shape.matcher(sid).matches()) {
            throw Refusal.invalid("invalid_" + name, name + " is a Twilio SID: " + prefix + " and 32 hexadecimal digits");
        }
        return sid;
    }

    /** An optional {@code To} / {@code From}, stripped; empty when absent. */
    private static String address(Map<String, String> params, String name) {
        String value = params.getOrDefault(name, "").strip();
        if (value.length() > MAX_ADDRESS_CHARS || value.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("invalid_" + name, name + " is a phone number or a client: or sip: address of at most "
                    + MAX_ADDRESS_CHARS + " characters");
        }
        return value;
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
        if (raw != null && (raw.length() > MAX_TIMESTAMP_CHARS || raw.chars().anyMatch(Character::isISOControl))) {
            throw Refusal.invalid("invalid_Timestamp", "Timestamp is an RFC 1123 date, e.g. Mon, 23 Nov 2026 03:04:05 +0000");
        }
        if (raw != null && !raw.isBlank()) {
            try {
                return ZonedDateTime.parse(raw.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                LOG.warn("unreadable_timestamp", "length", raw.length());
            }
        }
        return clock.instant();
    }

    /** Twilio's SequenceNumber; -1 when absent. @throws Refusal invalid when present but not a whole number */
    private static int sequence(Map<String, String> params) {
        String raw = params.get("SequenceNumber");
        if (raw == null || raw.isBlank()) {
            return -1;
        }
        if (!SEQUENCE.matcher(raw.strip()).matches()) {
            throw Refusal.invalid("invalid_SequenceNumber", "SequenceNumber is a whole number of at most 9 digits");
        }
        return Integer.parseInt(raw.strip());
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
