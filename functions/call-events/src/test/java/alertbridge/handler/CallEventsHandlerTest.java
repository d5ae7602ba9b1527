package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.formats.FormEncoding;
import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.Incident;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSigner;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's progress reports, fed from events/*.json (signed with the sample auth token), against moto (the local AWS). */
class CallEventsHandlerTest {
    private static final String INCIDENT = "SampleIncident00000001";
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    static {
        STORE.incidents().create(Incident.open(INCIDENT, "Database primary is down", Instant.now(), 1));
    }

    private final CallEventsHandler handler = new CallEventsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of()), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), null));

    private static APIGatewayProxyRequestEvent sample(String name) {
        return EventLoader.loadApiGatewayRestEvent("events/" + name);
    }

    @Test
    void callStatusIsRecordedOnceHoweverOftenItIsDelivered() {
        APIGatewayProxyResponseEvent first = handler.handleRequest(sample("call-status-completed.json"), null);
        APIGatewayProxyResponseEvent again = handler.handleRequest(sample("call-status-completed.json"), null);

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(200, again.getStatusCode(), again.getBody());
        List<CallEvent> events = STORE.events().callEvents(INCIDENT);
        assertEquals(1, events.size());
        CallEvent e = events.getFirst();
        assertEquals("completed", e.callStatus());
        assertEquals("+818012345601", e.to());
        assertEquals(3, e.sequence());
        assertEquals(Optional.of(42), e.durationSeconds());
        assertEquals(Instant.parse("2026-11-23T03:01:12Z"), e.at());
    }

    @Test
    void conferenceEventIsRecordedOnce() {
        handler.handleRequest(sample("conference-participant-join.json"), null);
        handler.handleRequest(sample("conference-participant-join.json"), null);

        List<ConferenceEvent> events = STORE.events().conferenceEvents(INCIDENT);
        assertEquals(1, events.size());
        assertEquals(ConferenceEvent.JOIN, events.getFirst().event());
        assertEquals(Optional.of("CA" + "1".repeat(32)), events.getFirst().callSid());
    }

    /** Twilio's StatusCallbackEvent is logged as a field of its own: the line keeps its event name. */
    @Test
    void aConferenceReportIsLoggedUnderItsOwnEventName() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(sample("conference-participant-join.json"), null);
        } finally {
            JsonLog.redirect(System.out);
        }
        JsonNode line = new ObjectMapper().readTree(logs.toString(StandardCharsets.UTF_8).strip().lines()
                .filter(l -> l.contains("\"component\":\"call-events\"")).findFirst().orElseThrow());
        assertTrue(line.get("event").asText().startsWith("conference_event"), line.toString());
        assertEquals(ConferenceEvent.JOIN, line.get("conferenceEvent").asText());
        assertEquals("CF" + "2".repeat(32), line.get("conferenceSid").asText());
        assertEquals("CA" + "1".repeat(32), line.get("callSid").asText());
    }

    @Test
    void forgedOrUnsignedReportsAre403AndRecordNothing() {
        int before = STORE.events().callEvents(INCIDENT).size();
        int beforeBridge = STORE.events().conferenceEvents(INCIDENT).size();
        APIGatewayProxyRequestEvent forgedBridge = sample("conference-participant-join.json");
        forgedBridge.setBody(forgedBridge.getBody().replace("participant-join", "participant-leave"));
        APIGatewayProxyRequestEvent forged = sample("call-status-completed.json");
        forged.setBody(forged.getBody().replace("CallStatus=completed", "CallStatus=busy"));
        APIGatewayProxyRequestEvent unsigned = sample("call-status-completed.json");
        unsigned.getHeaders().remove("X-Twilio-Signature");
        unsigned.setMultiValueHeaders(null);
        APIGatewayProxyRequestEvent otherIncident = sample("call-status-completed.json");
        otherIncident.setQueryStringParameters(Map.of("incident", "OtherIncident000000001"));
        otherIncident.setMultiValueQueryStringParameters(Map.of("incident", List.of("OtherIncident000000001")));

        for (APIGatewayProxyRequestEvent event : List.of(forged, unsigned, otherIncident, forgedBridge)) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            assertEquals(403, response.getStatusCode(), response.getBody());
            assertTrue(response.getBody().contains("\"error\":\"invalid_signature\""), response.getBody());
        }
        assertEquals(before, STORE.events().callEvents(INCIDENT).size());
        assertEquals(beforeBridge, STORE.events().conferenceEvents(INCIDENT).size());
    }

    @Test
    void signedReportForAMalformedIncidentIdIs404InTwiml() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(signed("/call_status", "no-such-incident",
                Map.of("CallSid", "CA" + "3".repeat(32), "CallStatus", "ringing", "To", "+818012345601")), null);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertTwiml(response);
    }

    /**
     * The recovery window: an incident written while the table was down waits on the records queue, and Twilio's
     * signed reports for its URL come first. They are kept under its key, not dropped, and join its timeline later.
     */
    @Test
    void signedReportForAnIncidentNotYetInTheTableIsKept() {
        String notYet = alertbridge.ids.IncidentIds.next();
        APIGatewayProxyResponseEvent response = handler.handleRequest(signed("/call_status", notYet,
                Map.of("CallSid", "CA" + "5".repeat(32), "CallStatus", "in-progress", "To", "+818012345601")), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTwiml(response);
        assertEquals(1, STORE.events().callEvents(notYet).size());
        APIGatewayProxyResponseEvent joined = handler.handleRequest(signed("/conference_events", notYet,
                Map.of("CallSid", "CA" + "5".repeat(32), "StatusCallbackEvent", "participant-join", "ConferenceSid", "CF" + "5".repeat(32),
                        "FriendlyName", "alertbridge-" + notYet, "SequenceNumber", "1", "Timestamp", "Mon, 07 Dec 2026 20:00:00 +0000")), null);
        assertEquals(200, joined.getStatusCode(), joined.getBody());
        assertEquals(1, STORE.events().conferenceEvents(notYet).size());
    }

    /** A request Twilio signed gets TwiML, never JSON, whatever is wrong with it. */
    private static void assertTwiml(APIGatewayProxyResponseEvent response) {
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/xml"), response.getHeaders().toString());
        assertTrue(response.getBody().endsWith("<Response/>"), response.getBody());
    }

    @Test
    void signedReportWithoutRequiredFieldsIs400InTwiml() {
        APIGatewayProxyResponseEvent noSid = handler.handleRequest(signed("/call_status", INCIDENT, Map.of("CallStatus", "ringing")), null);
        APIGatewayProxyResponseEvent badStatus = handler.handleRequest(signed("/call_status", INCIDENT,
                Map.of("CallSid", "CA" + "4".repeat(32), "CallStatus", "exploded")), null);
        APIGatewayProxyResponseEvent noEvent = handler.handleRequest(signed("/conference_events", INCIDENT,
                Map.of("ConferenceSid", "CF" + "4".repeat(32))), null);

        for (APIGatewayProxyResponseEvent refused : List.of(noSid, badStatus, noEvent)) {
            assertEquals(400, refused.getStatusCode(), refused.getBody());
            assertTwiml(refused);
        }
    }

    /**
     * Signed, so Twilio's, yet with fields no database key or item can hold (a SID of 2,000 characters, a 500 KB
     * {@code To}): refused with a 4xx in TwiML, never a 5xx (which Twilio retries for ever), and nothing is written.
     */
    @Test
    void signedReportWithOversizedOrMisshapenFieldsIs400InTwimlAndRecordsNothing() {
        int calls = STORE.events().callEvents(INCIDENT).size();
        int bridge = STORE.events().conferenceEvents(INCIDENT).size();
        String sid = "CA" + "5".repeat(32);
        String hugeTo = "+81" + "8".repeat(500 * 1024);
        List<APIGatewayProxyRequestEvent> refused = List.of(
                signed("/call_status", INCIDENT, Map.of("CallSid", "CA" + "1".repeat(1998), "CallStatus", "ringing",
                        "To", "+818012345601")),
                signed("/call_status", INCIDENT, Map.of("CallSid", sid, "CallStatus", "ringing", "To", hugeTo)),
                signed("/call_status", INCIDENT, Map.of("CallSid", sid, "CallStatus", "ringing", "From", hugeTo)),
                signed("/call_status", INCIDENT, Map.of("CallSid", "CF" + "5".repeat(32), "CallStatus", "ringing")),
                signed("/call_status", INCIDENT, Map.of("CallSid", sid, "CallStatus", "ringing", "SequenceNumber", "1".repeat(2000))),
                signed("/call_status", INCIDENT, Map.of("CallSid", sid, "CallStatus", "ringing", "SequenceNumber", "-1")),
                signed("/call_status", INCIDENT, Map.of("CallSid", sid, "CallStatus", "ringing", "Timestamp", "x".repeat(2000))),
                signed("/conference_events", INCIDENT, Map.of("ConferenceSid", "CF" + "2".repeat(1998),
                        "StatusCallbackEvent", "participant-join", "CallSid", sid)),
                signed("/conference_events", INCIDENT, Map.of("ConferenceSid", "CF" + "2".repeat(32),
                        "StatusCallbackEvent", "participant-join", "CallSid", "CA" + "1".repeat(1998))),
                signed("/conference_events", INCIDENT, Map.of("ConferenceSid", "CF" + "2".repeat(32),
                        "StatusCallbackEvent", "p".repeat(500 * 1024))));

        for (APIGatewayProxyRequestEvent event : refused) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertTwiml(response);
        }
        assertEquals(calls, STORE.events().callEvents(INCIDENT).size());
        assertEquals(bridge, STORE.events().conferenceEvents(INCIDENT).size());
    }

    /** What Twilio and the simulator send is read as before: lower-case hex SIDs, client: and sip: addresses. */
    @Test
    void signedReportsAsTwilioSendsThemAreRecorded() {
        String call = "CA" + "0123456789abcdef".repeat(2);
        String conference = "CF" + "fedcba9876543210".repeat(2);
        APIGatewayProxyResponseEvent status = handler.handleRequest(signed("/call_status", INCIDENT, Map.of("CallSid", call,
                "CallStatus", "ringing", "To", "sip:oncall@example.com", "From", "client:alertbridge", "SequenceNumber", "0",
                "Timestamp", "Mon, 23 Nov 2026 03:04:05 +0000")), null);
        APIGatewayProxyResponseEvent bridge = handler.handleRequest(signed("/conference_events", INCIDENT, Map.of(
                "ConferenceSid", conference, "StatusCallbackEvent", "conference-start", "SequenceNumber", "1")), null);

        assertEquals(200, status.getStatusCode(), status.getBody());
        assertEquals(200, bridge.getStatusCode(), bridge.getBody());
        assertTrue(STORE.events().callEvents(INCIDENT).stream()
                .anyMatch(e -> e.callSid().equals(call) && e.to().equals("sip:oncall@example.com")));
        assertTrue(STORE.events().conferenceEvents(INCIDENT).stream().anyMatch(e -> e.conferenceSid().equals(conference)));
    }

    /** A webhook to this path signed correctly for the sample host, with the given form fields. */
    private static APIGatewayProxyRequestEvent signed(String resource, String incident, Map<String, String> params) {
        APIGatewayProxyRequestEvent event = sample("call-status-completed.json");
        String url = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod" + resource + "?incident=" + incident;
        event.setResource(resource);
        event.setPath(resource);
        event.getRequestContext().setPath("/Prod" + resource);
        event.setQueryStringParameters(Map.of("incident", incident));
        event.setMultiValueQueryStringParameters(Map.of("incident", List.of(incident)));
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(alertbridge.formats.FormEncoding.encode(k))
                .append('=').append(alertbridge.formats.FormEncoding.encode(v)));
        event.setBody(body.toString());
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("X-Twilio-Signature", TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, url, params));
        event.setHeaders(headers);
        event.setMultiValueHeaders(null);
        return event;
    }
}
