package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import alertbridge.calls.DialResult;
import alertbridge.fuzz.Contract;
import alertbridge.fuzz.Inputs;
import alertbridge.formats.FormEncoding;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.CountingDynamoDb;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSigner;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * POST /join_conference end to end under generated webhooks (jqwik, fixed seed): signed, unsigned, forged, replayed
 * to the other incident, odd params, content types and base64 bodies. Invariants: no exception escapes, no
 * "technical problem" TwiML (our 500), refusals are 403/4xx JSON, and a join is recorded only for a correctly
 * signed key press of a call placed for that very incident (or for a well-formed id the table does not hold yet:
 * the recovery window, when an incident written during an outage still waits on the records queue).
 */
class JoinConferenceHandlerFuzzTest {
    private static final String A = IncidentIds.next();
    private static final String B = IncidentIds.next();
    private static final String CALL_A = "CA" + "a".repeat(32);
    private static final String CALL_B = "CA" + "b".repeat(32);
    private static final AtomicInteger WRITES = new AtomicInteger();
    private static LocalAws aws;
    private static TwilioApiStandIn twilio;
    private static JoinConferenceHandler handler;

    /** One webhook: which incident the URL names, the params, how it is signed and sent. */
    record Webhook(String incident, Map<String, String> params, int signing, String contentType, boolean base64) {
    }

    @BeforeContainer
    static void start() {
        aws = new LocalAws();
        twilio = new TwilioApiStandIn();
        IncidentStore store = SampleConfig.store(aws);
        store.incidents().create(Incident.open(A, "Incident A データベース", Instant.now(), 1));
        store.incidents().create(Incident.open(B, "Incident B", Instant.now(), 1));
        store.callees().recordCall(A, "+818012345601", new DialResult.Placed(CALL_A, "queued"), Instant.now());
        store.callees().recordCall(B, "+818012345602", new DialResult.Placed(CALL_B, "queued"), Instant.now());
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        handler = new JoinConferenceHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), CountingDynamoDb.counting(aws.dynamo(), WRITES), null));
    }

    @AfterContainer
    static void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
        aws.close();
    }

    @Provide
    Arbitrary<Webhook> webhooks() {
        Arbitrary<String> incident = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(A, B)),
                Tuple.of(1, Arbitraries.of(IncidentIds.next(), "", "../x", A + A)), Tuple.of(1, utf8(30)));
        Arbitrary<String> callSid = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(CALL_A, CALL_B)),
                Tuple.of(1, utf8(40)), Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> digits = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("1", "#", "*", "0")),
                Tuple.of(1, Arbitraries.of("", " ")), Tuple.of(1, utf8(5)));
        Arbitrary<Map<String, String>> params = Combinators.combine(callSid.injectNull(0.1), digits.injectNull(0.4),
                        Inputs.numbers().filter(n -> n.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).injectNull(0.2), Arbitraries.maps(utf8(10), utf8(30)).ofMaxSize(3))
                .as((sid, d, to, extra) -> {
                    Map<String, String> p = new LinkedHashMap<>(extra);
                    p.put("AccountSid", TwilioApiStandIn.ACCOUNT_SID);
                    if (sid != null) {
                        p.put("CallSid", sid);
                    }
                    if (d != null) {
                        p.put("Digits", d);
                    }
                    if (to != null) {
                        p.put("To", to);
                    }
                    return p;
                });
        return Combinators.combine(incident.injectNull(0.05), params,
                Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4)),
                Inputs.contentTypes().injectNull(0.1), Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)))
                .as(Webhook::new);
    }

    /** Text that survives UTF-8, as everything Twilio sends does (an unpaired surrogate cannot be sent at all). */
    private static Arbitrary<String> utf8(int maxLength) {
        return Inputs.anyText(maxLength).filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    }

    private static String url(String incident) {
        return ApiEvents.BASE + "/join_conference" + (incident == null ? "" : "?incident=" + FormEncoding.encode(incident));
    }

    private static APIGatewayProxyRequestEvent event(Webhook w) {
        String signature = switch (w.signing()) {
            case 0 -> TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, url(w.incident()), w.params());
            case 1 -> TwilioSigner.sign("another-token", url(w.incident()), w.params());
            case 2 -> TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, url(w.incident().equals(A) ? B : A), w.params()); // replay
            case 3 -> null;
            default -> "forged==";
        };
        Map<String, String> headers = new HashMap<>();
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        if (w.contentType() != null) {
            headers.put("Content-Type", w.contentType());
        }
        String body = ApiEvents.form(w.params());
        if (w.base64()) {
            body = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        }
        return ApiEvents.post("/join_conference", headers, w.incident() == null ? Map.of() : Map.of("incident", List.of(w.incident())),
                body, w.base64());
    }

    @Property(tries = 2000, seed = "20261123", edgeCases = EdgeCasesMode.NONE)
    void noWebhookCrashesAndOnlyAValidKeyPressIsRecorded(@ForAll("webhooks") Webhook w) {
        if (w.signing() == 2 && w.incident() == null) {
            w = new Webhook(A, w.params(), 2, w.contentType(), w.base64());
        }
        int writesBefore = WRITES.get();
        APIGatewayProxyResponseEvent response;
        try {
            response = handler.handleRequest(event(w), null);
        } catch (Throwable t) {
            fail("escaped the handler", t);
            return;
        }
        int status = response.getStatusCode();
        String body = response.getBody();
        boolean signed = w.signing() == 0;
        String sid = w.params().get("CallSid");
        // a well-formed id the table does not hold (yet): its incident may wait on the records queue, so the signed
        // request is served as when the table is down (issue 22, the recovery window)
        boolean notYetRecorded = IncidentIds.isWellFormed(w.incident()) && !A.equals(w.incident()) && !B.equals(w.incident())
                && sid != null && sid.strip().matches("CA[0-9a-fA-F]{32}");
        boolean ours = (A.equals(w.incident()) && CALL_A.equals(sid)) || (B.equals(w.incident()) && CALL_B.equals(sid))
                || notYetRecorded;
        boolean pressed = w.params().get("Digits") != null && !w.params().get("Digits").isBlank();
        String outcome;
        if (status == 200) {
            assertTrue(signed, "only a signed request gets TwiML");
            assertTrue(body.startsWith("<?xml") && body.contains("<Response>"), body);
            assertFalse(body.contains("technical problem"), "no internal failure: " + body);
            outcome = body.contains("<Conference") ? "bridge" : body.contains("<Gather") ? "gather" : "hangup";
            assertEquals(signed && ours && pressed, outcome.equals("bridge"), body);
            assertEquals(signed && ours && !pressed, outcome.equals("gather"), body);
        } else if (signed) {
            fail("a signed request always gets 200 TwiML, got " + status + ": " + body);
            return;
        } else {
            Contract.assertClientErrorResponse(response);
            outcome = status + " " + Contract.json(body).get("error").asText();
            assertTrue(!signed || status != 403, "a correctly signed request is never 403: " + body);
        }
        if (!(signed && ours && pressed)) {
            assertEquals(writesBefore, WRITES.get(), "nothing recorded for " + outcome);
        }
        Statistics.collect(outcome);
    }
}
