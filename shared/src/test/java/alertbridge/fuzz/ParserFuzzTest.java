package alertbridge.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.refusal.Refusal;
import alertbridge.formats.Action;
import alertbridge.formats.AlertInput;
import alertbridge.formats.FormEncoding;
import alertbridge.formats.Format;
import alertbridge.formats.InboundAlert;
import alertbridge.formats.WebhookFormats;
import alertbridge.http.HttpRequest;
import alertbridge.join.JoinDecision;
import alertbridge.testing.ApiEvents;
import alertbridge.twilio.JoinTwiml;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parsers under generated input (jqwik, fixed seeds; tries per property below, docs/security.md sums them):
 * anything a client can send either parses into a sane alert or is refused with a 4xx {@link Refusal};
 * no other exception ever escapes.
 */
class ParserFuzzTest {
    private final WebhookFormats formats = new WebhookFormats("en-US");

    @Provide
    Arbitrary<Inputs.Request> requests() {
        return Inputs.requests();
    }

    @Property(tries = 4000, seed = "20261123", edgeCases = EdgeCasesMode.NONE)
    void anyRequestParsesOrIsRefusedWithA4xx(@ForAll("requests") Inputs.Request r) {
        InboundAlert alert;
        try {
            HttpRequest request = ApiGatewayRequests.from(ApiEvents.alert(r.headers(), r.query(), r.body(), r.base64()), Optional.empty());
            alert = read(request);
        } catch (Refusal e) {
            Contract.assertClientError(ApiResponses.status(e), e.code(), e.detail());
            return;
        }
        if (alert.format() == Format.ORIGINAL) { // a webhook's recipients may come later (a roster of the SNS topic)
            assertFalse(alert.recipients().isEmpty(), "someone to call");
        }
        assertTrue(alert.action() != Action.TRIGGER || !alert.spokenMessage().isBlank(), "something to say");
        assertTrue(alert.spokenMessage().length() <= InboundAlert.MAX_MESSAGE_CHARS);
        assertTrue(alert.spokenMessage().codePoints().allMatch(Contract::isXmlChar), "speakable in TwiML");
        alert.recipients().numbers().forEach(n -> assertFalse(n.isBlank()));
        alert.recipients().teams().forEach(n -> assertFalse(n.isBlank()));
    }

    @Property(tries = 2000, seed = "20261123")
    void formEncodingParsesAnythingOrRefusesWithA400(@ForAll("anyText") String encoded) {
        try {
            FormEncoding.parse(encoded).forEach((k, v) -> assertFalse(v.isEmpty()));
        } catch (Refusal e) {
            assertEquals(Refusal.Kind.INVALID, e.kind());
            assertEquals("malformed_form", e.code());
        }
    }

    @Property(tries = 1000, seed = "20261123")
    void formEncodingRoundTrips(@ForAll("wellFormedText") String name, @ForAll("wellFormedText") String value) {
        Map<String, List<String>> parsed = FormEncoding.parse(FormEncoding.encode(name) + "=" + FormEncoding.encode(value) + "&x=1");
        assertEquals(List.of(value), name.equals("x") ? List.of(parsed.get(name).get(0)) : parsed.get(name));
    }

    /** Japanese must be spoken, not mangled: in JSON, a form, the query or base64, it reaches the TwiML unchanged. */
    @Property(tries = 500, seed = "20261123")
    void japaneseArrivesIntactInEveryForm(@ForAll("japanese") String message) {
        String json = "{\"to\": \"+818012345601\", \"message\": \"" + message + "\"}";
        String form = "to=%2B818012345601&message=" + FormEncoding.encode(message);
        List<HttpRequest> requests = List.of(
                request(Map.of("Content-Type", "application/json"), Map.of(), json, false),
                request(Map.of("Content-Type", "application/json; charset=utf-8"), Map.of(),
                        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), true),
                request(Map.of("Content-Type", "application/json; charset=UTF-16"), Map.of(),
                        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_16)), true),
                request(Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(), form, false),
                request(Map.of(), Map.of("to", List.of("+818012345601"), "message", List.of(message)), "", false));
        for (HttpRequest request : requests) {
            String said = read(request).spokenMessage();
            assertEquals(message.strip(), said);
            String xml = new JoinTwiml("Polly.Mizuki", "ja-JP").render(new JoinDecision.AskForKeypress(said), "https://x/y", "https://x/conference_events");
            assertTrue(xml.contains(message.strip()), xml);
        }
    }

    /** Found by the fuzz suite: a base64 body's declared charset was ignored, so Shift_JIS Japanese became mojibake. */
    @Example
    void aBase64BodyIsReadInTheCharsetItDeclares() {
        String json = "{\"to\": \"+818012345601\", \"message\": \"データベースが停止しました\"}";
        for (String charset : List.of("Shift_JIS", "EUC-JP", "UTF-16", "\"windows-31j\"")) {
            String body = Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.Charset.forName(charset.replace("\"", ""))));
            HttpRequest request = request(Map.of("Content-Type", "application/json; charset=" + charset), Map.of(), body, true);
            assertEquals("データベースが停止しました", read(request).spokenMessage(), charset);
        }
        HttpRequest unknown = request(Map.of("Content-Type", "application/json; charset=no-such-charset"), Map.of(),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("データベースが停止しました", read(unknown).spokenMessage(), "unknown charsets fall back to UTF-8");
    }

    /** What the alert handler does with a request: one read of its body, media type and query. */
    private InboundAlert read(HttpRequest request) {
        return formats.read(new AlertInput(request.body(), request.mediaType(), request.query()));
    }

    private static HttpRequest request(Map<String, String> headers, Map<String, List<String>> query, String body, boolean base64) {
        return ApiGatewayRequests.from(ApiEvents.alert(headers, query, body, base64), Optional.empty());
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Inputs.formBodies(), Inputs.anyText(200));
    }

    @Provide
    Arbitrary<String> wellFormedText() {
        // URLEncoder replaces unpaired surrogates with '?': only well-formed UTF-16 round-trips
        return Inputs.anyText(30).filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    }

    @Provide
    Arbitrary<String> japanese() {
        return Arbitraries.strings().withCharRange('\u3041', '\u3096').withCharRange('\u30a1', '\u30fa')
                .withCharRange('\u4e00', '\u9fa0').withChars("、。！？ー「」　").ofMinLength(1).ofMaxLength(1000)
                .filter(s -> !s.isBlank());
    }
}
