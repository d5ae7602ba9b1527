package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Twilio's callback fields: what Twilio (and the simulator) sends is read; what no key or item can hold is refused. */
class TwilioCallbacksTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final TwilioCallbacks CALLBACKS = new TwilioCallbacks(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String CALL = "CA" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    private static final String CONFERENCE = "CF" + "22222222222222222222222222222222";

    private static Map<String, String> call(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of("CallSid", CALL, "CallStatus", "completed", "To", "+818012345601",
                "From", "+15005550006", "SequenceNumber", "3", "Timestamp", "Mon, 23 Nov 2026 03:01:12 +0000"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    private static Map<String, String> conference(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of("ConferenceSid", CONFERENCE, "StatusCallbackEvent", "participant-join",
                "CallSid", CALL, "SequenceNumber", "2"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void readsWhatTwilioSends() {
        CallEvent e = CALLBACKS.callEvent(call("CallDuration", "42"));
        assertEquals(CALL, e.callSid());
        assertEquals("+818012345601", e.to());
        assertEquals(3, e.sequence());
        assertEquals(Instant.parse("2026-11-23T03:01:12Z"), e.at());
        assertEquals(Optional.of(42), e.durationSeconds());

        ConferenceEvent c = CALLBACKS.conferenceEvent(conference());
        assertEquals(CONFERENCE, c.conferenceSid());
        assertEquals(ConferenceEvent.JOIN, c.event());
        assertEquals(Optional.of(CALL), c.callSid());
        assertEquals(2, c.sequence());
    }

    @Test
    void readsUpperCaseHexAddressesAndMissingOptionalFields() {
        Map<String, String> p = call("CallSid", "CA" + "ABCDEF0123456789".repeat(2), "To", "client:alice", "From", "anonymous");
        p.remove("SequenceNumber");
        p.remove("Timestamp");
        CallEvent e = CALLBACKS.callEvent(p);
        assertEquals("client:alice", e.to());
        assertEquals(-1, e.sequence());
        assertEquals(NOW, e.at());

        Map<String, String> start = conference("StatusCallbackEvent", "conference-start");
        start.remove("CallSid");
        assertEquals(Optional.empty(), CALLBACKS.conferenceEvent(start).callSid());
        // an unreadable but short timestamp stands for our clock, as before
        assertEquals(NOW, CALLBACKS.callEvent(call("Timestamp", "yesterday")).at());
    }

    @Test
    void refusesCallFieldsNoKeyOrItemCanHold() {
        String huge = "+81" + "8".repeat(500 * 1024);
        assertRefused("invalid_CallSid", () -> CALLBACKS.callEvent(call("CallSid", "CA" + "1".repeat(1998))));
        assertRefused("invalid_CallSid", () -> CALLBACKS.callEvent(call("CallSid", "CA" + "1".repeat(31))));
        assertRefused("invalid_CallSid", () -> CALLBACKS.callEvent(call("CallSid", "CA" + "g".repeat(32))));
        assertRefused("invalid_CallSid", () -> CALLBACKS.callEvent(call("CallSid", CONFERENCE)));
        assertRefused("invalid_To", () -> CALLBACKS.callEvent(call("To", huge)));
        assertRefused("invalid_To", () -> CALLBACKS.callEvent(call("To", "+81801234\n5601")));
        assertRefused("invalid_From", () -> CALLBACKS.callEvent(call("From", huge)));
        assertRefused("invalid_SequenceNumber", () -> CALLBACKS.callEvent(call("SequenceNumber", "1".repeat(2000))));
        assertRefused("invalid_SequenceNumber", () -> CALLBACKS.callEvent(call("SequenceNumber", "-3")));
        assertRefused("invalid_SequenceNumber", () -> CALLBACKS.callEvent(call("SequenceNumber", "three")));
        assertRefused("invalid_Timestamp", () -> CALLBACKS.callEvent(call("Timestamp", "Mon, 23 Nov 2026 ".repeat(100))));
        assertRefused("missing_CallSid", () -> CALLBACKS.callEvent(call("CallSid", " ")));
    }

    @Test
    void refusesConferenceFieldsNoKeyOrItemCanHold() {
        assertRefused("invalid_ConferenceSid", () -> CALLBACKS.conferenceEvent(conference("ConferenceSid", "CF" + "2".repeat(1998))));
        assertRefused("invalid_ConferenceSid", () -> CALLBACKS.conferenceEvent(conference("ConferenceSid", CALL)));
        assertRefused("invalid_CallSid", () -> CALLBACKS.conferenceEvent(conference("CallSid", "CA" + "1".repeat(1998))));
        assertRefused("invalid_StatusCallbackEvent", () -> CALLBACKS.conferenceEvent(conference("StatusCallbackEvent",
                "p".repeat(500 * 1024))));
        assertRefused("invalid_StatusCallbackEvent", () -> CALLBACKS.conferenceEvent(conference("StatusCallbackEvent",
                "call +818012345601")));
        assertRefused("invalid_SequenceNumber", () -> CALLBACKS.conferenceEvent(conference("SequenceNumber", "9".repeat(10))));
    }

    private static void assertRefused(String code, Runnable parse) {
        Refusal refusal = assertThrows(Refusal.class, parse::run);
        assertEquals(code, refusal.code());
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
    }
}
