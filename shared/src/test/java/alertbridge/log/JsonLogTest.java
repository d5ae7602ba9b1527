package alertbridge.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a log line lets through: no full phone number under any key, and never a field in place of its own keys. */
class JsonLogTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{10,}");
    private static final JsonLog LOG = JsonLog.forComponent("json-log-test");
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        JsonLog.redirect(System.out);
    }

    private JsonNode onlyLine() throws Exception {
        String[] lines = logs.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, logs.toString(StandardCharsets.UTF_8));
        return STRICT.readTree(lines[0]);
    }

    private void assertNoLongDigitRun() {
        Matcher run = LONG_DIGIT_RUN.matcher(logs.toString(StandardCharsets.UTF_8).replaceAll("\"ts\":\"[^\"]*\"", ""));
        assertFalse(run.find(), () -> "an unmasked number: " + run.group() + " in " + logs);
    }

    @Test
    void numbersInFieldsNobodyMaskedAreMaskedAndTheLineKeepsItsOwnEvent() throws Exception {
        LOG.info("alert_ignored", "format", "generic", "state", "call +81 80-1234-5601 or 09012345678",
                "callSid", "+818012345601", "event", "+818012345602", "level", "08012345603", "ts", "x",
                "ring", 8012345604L, "who", List.of("+14155552671", "ok"), "maybe", Optional.of("+818012345605"));

        JsonNode line = onlyLine();
        assertEquals("alert_ignored", line.get("event").asText(), "a field never replaces the line's event");
        assertEquals("INFO", line.get("level").asText());
        assertEquals("json-log-test", line.get("component").asText());
        assertFalse(line.get("ts").asText().equals("x"));
        assertEquals("call +81*********5601 or *******5678", line.get("state").asText());
        assertEquals("+81******5601", line.get("callSid").asText(), "not a SID: masked like any other value");
        assertEquals("+81******5602", line.get("field_event").asText(), "the colliding field, kept under a prefix");
        assertEquals("*******5603", line.get("field_level").asText());
        assertEquals("x", line.get("field_ts").asText());
        assertEquals("******5604", line.get("ring").asText(), "a number that can carry a phone number is masked too");
        assertEquals("+14*****2671", line.get("who").get(0).asText());
        assertEquals("ok", line.get("who").get(1).asText());
        assertEquals("+81******5605", line.get("maybe").asText());
        assertNoLongDigitRun();
    }

    @Test
    void idsOfTheirKeysShapeAreWrittenVerbatimAndEverythingElseAsBefore() throws Exception {
        String sid = "CA" + "81801234560112345678901234567890";
        LOG.info("conference_event", "incidentId", "SampleIncident00000001", "callSid", sid,
                "conferenceSid", "CF" + "0123456789abcdef".repeat(2), "messageId", "2fbd1a07-1234-5678-9012-345678901234",
                "to", "+81******5601", "sequence", 3, "status", 404, "recorded", true, "error", "software.amazon.awssdk"
                        + ".core.exception.SdkClientException", "detail", null, "incidents", List.of("SampleIncident00000002"));

        JsonNode line = onlyLine();
        assertEquals("SampleIncident00000001", line.get("incidentId").asText());
        assertEquals(sid, line.get("callSid").asText(), "a SID correlates lines, whatever digits it holds");
        assertEquals("CF" + "0123456789abcdef".repeat(2), line.get("conferenceSid").asText());
        assertEquals("2fbd1a07-1234-5678-9012-345678901234", line.get("messageId").asText());
        assertEquals("+81******5601", line.get("to").asText(), "masking a masked number changes nothing");
        assertEquals(3, line.get("sequence").asInt());
        assertTrue(line.get("sequence").isInt());
        assertEquals(404, line.get("status").asInt());
        assertTrue(line.get("recorded").asBoolean());
        assertEquals("software.amazon.awssdk.core.exception.SdkClientException", line.get("error").asText());
        assertTrue(line.get("detail").isNull());
        assertEquals("SampleIncident00000002", line.get("incidents").get(0).asText());
    }

    @Test
    void longValuesAreCutAndSayHowLongTheyWere() throws Exception {
        String state = "firing ".repeat(100) + "+818012345601" + "x".repeat(500 * 1024);
        LOG.warn("alert_received", "state", state, "incidentId", "+818012345601".repeat(100));

        JsonNode line = onlyLine();
        String logged = line.get("state").asText();
        assertTrue(logged.startsWith("firing firing "), logged);
        assertTrue(logged.endsWith("…(" + state.length() + " chars)"), logged);
        assertEquals(JsonLog.MAX_VALUE_CHARS + ("…(" + state.length() + " chars)").length(), logged.length());
        assertTrue(line.get("incidentId").asText().length() < 2 * JsonLog.MAX_VALUE_CHARS);
        assertNoLongDigitRun();
    }

    @Test
    void aNumberCutAtTheBoundIsMaskedWhole() throws Exception {
        String detail = "y".repeat(JsonLog.MAX_VALUE_CHARS - 6) + "+818012345601" + "z".repeat(300);
        LOG.error("failed", "detail", detail);

        String logged = onlyLine().get("detail").asText();
        assertTrue(logged.startsWith("y".repeat(JsonLog.MAX_VALUE_CHARS - 6) + "+81***"), logged);
        assertNoLongDigitRun();
    }
}
