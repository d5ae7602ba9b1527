package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.formats.FormEncoding;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.JoinRecord;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.TemplateResources;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSigner;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /call_in, someone dialling our Twilio number, through JoinConferenceHandler as wired in Lambda, against moto:
 * requests signed as Twilio signs them, each key press sent to the URL the previous answer's Gather named.
 */
class CallInHandlerTest {
    /** On the sample roster sre (SampleConfig.SRE_ROSTER). */
    private static final String ON_CALL = "+818012345621";
    /** A round-2 tier of a roster of this test's own. */
    private static final String LEAD = "+818012345632";
    private static final String STRANGER = "+818012345699";
    private static final String OUR_NUMBER = SampleConfig.CALLER_NUMBER;
    private static final String CALL_IN_URL = ApiEvents.BASE + "/call_in";
    private static final Pattern GATHER_ACTION = Pattern.compile("<Gather action=\"([^\"]+)\"");

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private String table;
    private IncidentStore store;
    private JoinConferenceHandler handler;
    private int calls;

    @BeforeEach
    void start() {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        table = "incidents-" + UUID.randomUUID(); // a table per test: which incidents are open is each test's own
        TemplateResources.createTable(AWS.dynamo(), table);
        store = new IncidentStore(AWS.dynamo(), table, Duration.ofDays(90), java.util.Optional.empty());
        handler = handler(Map.of());
        AWS.putParameter("teams/tiered", "+818012345631; round2: " + LEAD);
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        AWS.dynamo().deleteTable(b -> b.tableName(table));
    }

    @AfterAll
    static void closeTwilio() {
        TWILIO.close();
    }

    private JoinConferenceHandler handler(Map<String, String> env) {
        return new JoinConferenceHandler(Clients.of(SampleConfig.settings(AWS, table, TWILIO, env), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), null));
    }

    @Test
    void aRosterCallerHearsTheOneOpenIncidentAndJoinsItWithAnyKey() {
        String id = open("Database primary is down", 10);
        resolved("Yesterday's disk alert", 60);
        Call call = new Call(ON_CALL);

        String offer = call.dial();
        assertTrue(offer.contains(">Alert. Database primary is down. Press any key to join the incident bridge.</Sa"), offer);
        assertFalse(offer.contains("Yesterday"), offer);
        assertEquals(CALL_IN_URL + "?incidents=" + id, call.action);

        String joined = call.press("#");
        assertTrue(joined.contains(">Joining the incident bridge.</Say><Dial><Conference endConferenceOnExit=\"false\" "
                + "startConferenceOnEnter=\"true\" statusCallback=\"" + ApiEvents.BASE + "/conference_events?incident=" + id
                + "\" statusCallbackEvent=\"start end join leave\" statusCallbackMethod=\"POST\">alertbridge-" + id
                + "</Conference></Dial>"), joined);
        assertEquals(joined, call.pressAgain("#"), "Twilio's retry gets the same TwiML");
        assertEquals(List.of(new JoinRecord(call.sid, ON_CALL, store.callees().joins(id).getFirst().joinedAt(), JoinRecord.CALL_IN)),
                store.callees().joins(id), "one JOIN item, via call-in, with the caller's number");
        assertTrue(logs.toString().contains("\"from\":\"+81******5621\""), "the caller's number is logged masked");
        assertFalse(logs.toString().contains(ON_CALL), "and never in full");
    }

    @Test
    void withSeveralOpenTheThreeNewestAreOfferedAndKeyTwoJoinsTheSecond() {
        String oldest = open("Oldest open", 50);
        String third = open("Disk full on web-3", 40);
        resolved("Resolved in between", 30);
        String second = open("Checkout errors", 20);
        String newest = open("Database primary is down", 10);
        Call call = new Call(LEAD);

        String menu = call.dial();
        assertTrue(menu.contains(">Several incidents are open. Press 1 for: Database primary is down. Press 2 for: Checkout errors. "
                + "Press 3 for: Disk full on web-3.</Say>"), menu);
        assertFalse(menu.contains("Oldest open") || menu.contains("Resolved in between"), menu);
        assertEquals(CALL_IN_URL + "?incidents=" + newest + "." + second + "." + third, call.action);

        open("Opened while the menu was read", 1); // the key still means what the caller heard
        String joined = call.press("2");
        assertTrue(joined.contains(">alertbridge-" + second + "</Conference>"), joined);
        assertEquals(1, store.callees().joins(second).size());
        assertEquals(JoinRecord.CALL_IN, store.callees().joins(second).getFirst().via());
        for (String other : List.of(oldest, third, newest)) {
            assertEquals(List.of(), store.callees().joins(other));
        }
    }

    @Test
    void withNothingOpenTheCallerIsToldSoAndTheCallEnds() {
        resolved("Over already", 5);
        String xml = new Call(ON_CALL).dial();
        assertTrue(xml.matches("(?s).*<Response><Say[^>]*>There is no open incident right now\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
    }

    @Test
    void aCallerOnNoRosterIsRefusedHearsNothingOfIncidentsAndJoinsNothing() {
        String id = open("Database primary is down", 10);
        Call stranger = new Call(STRANGER);
        String xml = stranger.dial();
        assertTrue(xml.matches("(?s).*<Response><Say[^>]*>This number is not on an on-call roster\\. Goodbye\\.</Say><Hangup/></Response>"), xml);

        // a key press replayed with a stranger's From (a signed request for a URL a roster member was given)
        Call member = new Call(ON_CALL);
        member.dial();
        stranger.action = member.action;
        String replay = stranger.press("1");
        assertTrue(replay.contains("This number is not on an on-call roster."), replay);
        assertFalse(replay.contains("Database") || replay.contains("<Dial"), replay);
        assertEquals(List.of(), store.callees().joins(id));
        assertTrue(logs.toString().contains("\"event\":\"caller_not_on_roster\"") && logs.toString().contains("+81******5699"), logs.toString());
        assertFalse(logs.toString().contains(STRANGER));
    }

    @Test
    void withCallInOffEveryoneIsRefusedPolitely() {
        String id = open("Database primary is down", 10);
        handler = handler(Map.of("CALL_IN", "off"));
        Call call = new Call(ON_CALL);
        String xml = call.dial();
        assertTrue(xml.matches("(?s).*<Response><Say[^>]*>Sorry, this number does not take calls\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
        call.action = CALL_IN_URL + "?incidents=" + id;
        assertFalse(call.press("1").contains("<Dial"));
        assertEquals(List.of(), store.callees().joins(id));
    }

    @Test
    void anInvalidKeyIsNamedAndAskedAgainAtMostTwice() {
        String older = open("Checkout errors", 20);
        String newer = open("Database primary is down", 10);
        Call call = new Call(ON_CALL);
        call.dial();

        String again = call.press("9");
        assertTrue(again.contains(">That key is not one of the choices.</Say>"), again);
        assertTrue(again.contains("Press 1 for: Database primary is down. Press 2 for: Checkout errors."), again);
        assertEquals(CALL_IN_URL + "?incidents=" + newer + "." + older + ".ask2", call.action);
        String third = call.press("*");
        assertTrue(third.contains("That key is not one of the choices."), third);
        assertEquals(CALL_IN_URL + "?incidents=" + newer + "." + older + ".ask3", call.action);
        String last = call.press("0");
        assertTrue(last.matches("(?s).*<Response><Say[^>]*>No valid key was pressed\\. Goodbye\\.</Say><Hangup/></Response>"), last);
        assertEquals(List.of(), store.callees().joins(newer));
        assertEquals(List.of(), store.callees().joins(older));

        call.action = CALL_IN_URL + "?incidents=" + newer + "." + older + ".ask2"; // a valid key on a second ask joins
        assertTrue(call.press("2").contains(">alertbridge-" + older + "</Conference>"));
    }

    @Test
    void anIncidentResolvedAfterItWasOfferedIsOver() {
        String id = open("Database primary is down", 10);
        Call call = new Call(ON_CALL);
        call.dial();
        store.dedup().claim("dedup-" + id, id, Instant.now(), Duration.ofMinutes(5));
        assertTrue(store.dedup().resolve("dedup-" + id, "test:resolved", Instant.now()).isPresent());

        String xml = call.press("1");
        assertTrue(xml.matches("(?s).*<Response><Say[^>]*>That incident is over\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
        assertEquals(List.of(), store.callees().joins(id));
    }

    @Test
    void anUnsignedOrForgedRequestIs403JsonAndRecordsNothing() {
        String id = open("Database primary is down", 10);
        Map<String, String> params = params(ON_CALL, "CA" + "7".repeat(32), "1");
        APIGatewayProxyRequestEvent unsigned = event(CALL_IN_URL + "?incidents=" + id, params, null);
        for (APIGatewayProxyRequestEvent event : List.of(unsigned,
                event(CALL_IN_URL + "?incidents=" + id, params, "forged-signature"),
                event(CALL_IN_URL + "?incidents=" + id, params, TwilioSigner.sign("another-accounts-token", CALL_IN_URL + "?incidents=" + id, params)),
                event(CALL_IN_URL + "?incidents=" + id, params, TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, CALL_IN_URL, params)))) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            assertEquals(403, response.getStatusCode());
            assertEquals("application/json", response.getHeaders().get("Content-Type"));
            assertTrue(response.getBody().contains("\"error\":\"invalid_signature\""), response.getBody());
        }
        assertEquals(List.of(), store.callees().joins(id));
    }

    @Test
    void whatFailsAfterTheSignatureIsAnsweredInTwiml() {
        Map<String, String> noCallSid = new HashMap<>(params(ON_CALL, "", ""));
        noCallSid.remove("CallSid");
        APIGatewayProxyResponseEvent hangUp = handler.handleRequest(signed(CALL_IN_URL, noCallSid), null);
        assertEquals(200, hangUp.getStatusCode());
        assertTrue(hangUp.getBody().endsWith("<Response><Hangup/></Response>"), hangUp.getBody());

        // the table cannot be read: a technical problem, said, never JSON or a stack trace
        JoinConferenceHandler broken = new JoinConferenceHandler(Clients.of(SampleConfig.settings(AWS, "no-such-table", TWILIO, Map.of()), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), null));
        APIGatewayProxyResponseEvent failed = broken.handleRequest(signed(CALL_IN_URL, params(ON_CALL, "CA" + "8".repeat(32), "")), null);
        assertTrue(failed.getHeaders().get("Content-Type").startsWith("text/xml"), failed.getHeaders().toString());
        assertTrue(failed.getBody().contains("A technical problem kept us from connecting you. Goodbye.</Say><Hangup/>"), failed.getBody());
    }

    @Test
    void japanesePromptsForJapaneseStacks() {
        open("データベース停止", 10);
        handler = handler(Map.of("SAY_LANGUAGE", "ja-JP", "SAY_VOICE", "Polly.Mizuki"));
        String xml = new Call(ON_CALL).dial();
        assertTrue(xml.contains("アラートです。 データベース停止。 インシデント対応の電話会議に参加するには"), xml);
        assertTrue(new Call(STRANGER).dial().contains("この電話番号はオンコール当番に登録されていません。"));
    }

    // --- a caller, as Twilio drives the webhook

    /** One call to our number: its first request, then each key press posted to the URL the last Gather named. */
    private final class Call {
        final String from;
        final String sid = "CA" + String.format("%032d", ++calls);
        /** Where the next key press goes: the action of the last Gather heard. */
        String action;
        /** Where the last request went. */
        private String previous;

        Call(String from) {
            this.from = from;
        }

        String dial() {
            return answer(CALL_IN_URL, params(from, sid, null));
        }

        String press(String key) {
            return answer(action, params(from, sid, key));
        }

        /** The last key press again (Twilio retrying it): to the URL it went to, whatever its answer named. */
        String pressAgain(String key) {
            return answer(previous, params(from, sid, key));
        }

        private String answer(String url, Map<String, String> params) {
            previous = url;
            APIGatewayProxyResponseEvent response = handler.handleRequest(signed(url, params), null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertTrue(response.getHeaders().get("Content-Type").startsWith("text/xml"), response.getHeaders().toString());
            Matcher gather = GATHER_ACTION.matcher(response.getBody());
            if (gather.find()) {
                action = gather.group(1).replace("&amp;", "&");
            }
            return response.getBody();
        }
    }

    private static Map<String, String> params(String from, String callSid, String digits) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioApiStandIn.ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("To", OUR_NUMBER);
        params.put("Direction", "inbound");
        params.put("CallStatus", "in-progress");
        if (digits != null && !digits.isEmpty()) {
            params.put("Digits", digits);
        }
        return params;
    }

    private static APIGatewayProxyRequestEvent signed(String url, Map<String, String> params) {
        return event(url, params, TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, url, params));
    }

    /** The event API Gateway makes of a request to {@code url}: its query decoded, as API Gateway decodes it. */
    private static APIGatewayProxyRequestEvent event(String url, Map<String, String> params, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        String rawQuery = URI.create(url).getRawQuery();
        if (rawQuery != null) {
            query.putAll(FormEncoding.parse(rawQuery));
        }
        assertTrue(url.startsWith(CALL_IN_URL), url);
        return ApiEvents.post("/call_in", headers, query, ApiEvents.form(params), false);
    }

    private String open(String message, int minutesAgo) {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, message, Instant.now().minus(Duration.ofMinutes(minutesAgo)), 2));
        return id;
    }

    private void resolved(String message, int minutesAgo) {
        store.incidents().create(new Incident(IncidentIds.next(), message, Instant.now().minus(Duration.ofMinutes(minutesAgo)),
                Incident.RESOLVED, 2, java.util.Optional.of(Instant.now()), java.util.Optional.of("test:resolved"), java.util.List.of(), java.util.List.of()));
    }
}
