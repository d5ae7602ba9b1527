package alertbridge.formats;

import static alertbridge.http.Requests.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import alertbridge.http.ApiResponses;
import alertbridge.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** alertbridge's own usage (form, query, original JSON), read through the one entry point {@link WebhookFormats#read}. */
class OriginalFormatTest {
    private final Parser parser = new Parser();

    /** What the alert handler does with a request: one read of its body, media type and query. */
    private static final class Parser {
        private final WebhookFormats formats = new WebhookFormats("en-US");

        Read parse(alertbridge.http.HttpRequest request) {
            InboundAlert alert = formats.read(new AlertInput(request.body(), request.mediaType(), request.query()));
            assertEquals(Format.ORIGINAL, alert.format());
            return new Read(alert.recipients().numbers(), alert.spokenMessage());
        }
    }

    private record Read(List<String> to, String message) {
    }

    @Test
    void curlFormBodyWithCommaSeparatedNumbers() {
        Read r = parser.parse(post("application/x-www-form-urlencoded",
                "to=%2B817012345601,%2B818012345602&message=DB+is+down", Map.of()));
        assertEquals(List.of("+817012345601", "+818012345602"), r.to());
        assertEquals("DB is down", r.message());
    }

    @Test
    void curlDataWithUnencodedPlusKeepsThePlus() {
        // The original usage: curl --data to=+8170...,+8180... sends raw '+', which form decoding reads as spaces.
        Read r = parser.parse(post("application/x-www-form-urlencoded",
                "to=+817012345601,+818012345602&message=DB+down", Map.of()));
        assertEquals(List.of("+817012345601", "+818012345602"), r.to());
        assertEquals("DB down", r.message());
        Read spaced = parser.parse(post("application/x-www-form-urlencoded", "to=+81+90+1234+5678&message=x", Map.of()));
        assertEquals(List.of("+81 90 1234 5678"), spaced.to());
        Read query = parser.parse(post(null, "", Map.of("tels", List.of(" 817012345601, 818012345602"), "message", List.of("m"))));
        assertEquals(List.of("+817012345601", "+818012345602"), query.to());
    }

    @Test
    void queryParametersAlone() {
        Read r = parser.parse(post(null, "", Map.of("to", List.of("+15005550006"), "message", List.of("hi"))));
        assertEquals(List.of("+15005550006"), r.to());
        assertEquals("hi", r.message());
    }

    @Test
    void telsIsAnAliasOfTo() {
        Read r = parser.parse(post("application/x-www-form-urlencoded", "tels=%2B15005550006&message=hi",
                Map.of("tels", List.of("+15005550007,+15005550008"))));
        assertEquals(List.of("+15005550006", "+15005550007", "+15005550008"), r.to());
    }

    @Test
    void jsonArrayAndJsonString() {
        Read array = parser.parse(post("application/json",
                "{\"to\": [\"+15005550006\", \"+15005550007\"], \"message\": \"disk full\"}", Map.of()));
        assertEquals(List.of("+15005550006", "+15005550007"), array.to());
        Read string = parser.parse(post("application/json; charset=utf-8",
                "{\"to\": \"+15005550006,+15005550007\", \"message\": \"disk full\"}", Map.of()));
        assertEquals(array.to(), string.to());
        assertEquals("disk full", string.message());
    }

    @Test
    void jsonWithoutContentTypeIsRecognised() {
        Read r = parser.parse(post(null, "{\"to\":[\"+15005550006\"],\"message\":\"m\"}", Map.of()));
        assertEquals(List.of("+15005550006"), r.to());
    }

    @Test
    void bodyAndQueryNumbersCombineAndBodyMessageWins() {
        Read r = parser.parse(post("application/json", "{\"to\":[\"+15005550006\"],\"message\":\"body\"}",
                Map.of("to", List.of("+15005550007"), "message", List.of("query"))));
        assertEquals(List.of("+15005550006", "+15005550007"), r.to());
        assertEquals("body", r.message());
    }

    @Test
    void japaneseMessageSurvivesFormEncoding() {
        String body = "to=%2B817012345601&message=" + URLEncoder.encode("データベース停止", StandardCharsets.UTF_8);
        assertEquals("データベース停止", parser.parse(post("application/x-www-form-urlencoded", body, Map.of())).message());
    }

    @Test
    void charactersXmlCannotCarryAreBlankedSoTheTwimlStillRenders() {
        Read r = parser.parse(post("application/json",
                "{\"to\":\"+15005550006\",\"message\":\"\\u001b[31mDB\\u0000 down\\ud800 \\u30c7\\ud83d\\udd25\"}", Map.of()));
        assertEquals("[31mDB  down  デ\uD83D\uDD25", r.message());
        assertError("missing_message", 400, post("application/json", "{\"to\":\"+15005550006\",\"message\":\"\\u0000\\u0001\"}", Map.of()));
    }

    @Test
    void oddNumberListsAreHandled() {
        assertError("missing_to", 400, post("application/x-www-form-urlencoded", "to=++&message=m", Map.of()));
        assertError("missing_to", 400, post(null, "", Map.of("to", List.of("  ", ","), "message", List.of("m"))));
        assertEquals(List.of("1".repeat(2000)),
                parser.parse(post("application/json", "{\"to\":[\"" + "1".repeat(2000) + "\"],\"message\":\"m\"}", Map.of())).to());
    }

    @Test
    void pathologicalJsonIsA400() {
        assertError("malformed_json", 400, post("application/json", "[".repeat(5000), Map.of()));
        assertError("malformed_json", 400, post("application/json", "{\"to\":" + "[".repeat(2000) + "]".repeat(2000) + "}", Map.of()));
        assertError("malformed_json", 400, post("application/json", "{\"to\":" + "9".repeat(5000) + ",\"message\":\"m\"}", Map.of()));
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertError("missing_to", 400, post("application/json", "{\"message\":\"m\"}", Map.of()));
        assertError("missing_message", 400, post("application/json", "{\"to\":[\"+15005550006\"]}", Map.of()));
        assertError("missing_message", 400, post("application/x-www-form-urlencoded", "to=%2B15005550006&message=+++", Map.of()));
        assertError("malformed_json", 400, post("application/json", "{\"to\": [", Map.of()));
        assertError("malformed_json", 400, post("application/json", "[\"+15005550006\"]", Map.of()));
        assertError("invalid_to", 400, post("application/json", "{\"to\": [15005550006], \"message\":\"m\"}", Map.of()));
        assertError("invalid_to", 400, post("application/json", "{\"to\": {\"a\":1}, \"message\":\"m\"}", Map.of()));
        assertError("invalid_message", 400, post("application/json", "{\"to\": \"+15005550006\", \"message\":5}", Map.of()));
        assertError("unsupported_media_type", 415, post("text/xml", "<alert/>", Map.of()));
        assertError("malformed_form", 400, post("application/x-www-form-urlencoded", "to=%zz&message=m", Map.of()));
        assertError("message_too_long", 400, post("application/json",
                "{\"to\":\"+15005550006\",\"message\":\"" + "x".repeat(InboundAlert.MAX_MESSAGE_CHARS + 1) + "\"}", Map.of()));
        assertError("body_too_large", 413, post("application/json", " ".repeat(OriginalFormat.MAX_BODY_CHARS + 1), Map.of()));
    }

    @Test
    void aBodyOfTheOriginalUsageIsMeasuredWithItsPadding() {
        // found in review: the padded body was read as a generic webhook (its link dropped) instead of refused
        String padded = "{\"to\":\"+818012345601\",\"message\":\"Disk full, see https://grafana.example/d/1\"}"
                + " ".repeat(70_000);
        assertError("body_too_large", 413, post("application/json", padded, Map.of()));
        assertError("body_too_large", 413, post("application/json", "{\"to\":\"+818012345601\"}" + " ".repeat(70_000), Map.of()));
        assertError("body_too_large", 413, post("application/json", "{\"to\": [" + " ".repeat(70_000), Map.of()));
    }

    private void assertError(String error, int status, alertbridge.http.HttpRequest request) {
        Refusal e = assertThrows(Refusal.class, () -> parser.parse(request));
        assertEquals(error, e.code(), e.detail());
        assertEquals(status, ApiResponses.status(e));
    }
}
