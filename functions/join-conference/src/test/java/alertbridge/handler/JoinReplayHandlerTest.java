package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A once-valid Twilio webhook replayed to another incident: refused, nothing recorded, the alert text not read. */
class JoinReplayHandlerTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();
    private static final String A = IncidentIds.next();
    private static final String B = IncidentIds.next();
    private static final String CALL_OF_A = "CA" + "a".repeat(32);

    static {
        STORE.incidents().create(Incident.open(A, "Incident A", Instant.now(), 1));
        STORE.incidents().create(Incident.open(B, "Secret text of incident B", Instant.now(), 1));
        STORE.callees().recordCall(A, "+818012345601", new DialResult.Placed(CALL_OF_A, "queued"), Instant.now());
        STORE.callees().recordCall(B, "+818012345602", new DialResult.Placed("CA" + "b".repeat(32), "queued"), Instant.now());
    }

    private final JoinConferenceHandler handler = new JoinConferenceHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of()), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), null));

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    private static Map<String, String> keypress() {
        return Map.of("AccountSid", TwilioApiStandIn.ACCOUNT_SID, "CallSid", CALL_OF_A, "To", "+818012345601", "Digits", "1");
    }

    @Test
    void theSameSignatureSentToAnotherIncidentIs403() {
        APIGatewayProxyRequestEvent valid = ApiEvents.join(A, keypress(), TwilioApiStandIn.AUTH_TOKEN);
        APIGatewayProxyRequestEvent replay = ApiEvents.join(B, keypress(), TwilioApiStandIn.AUTH_TOKEN);
        Map<String, String> headers = new HashMap<>(replay.getHeaders());
        headers.put("X-Twilio-Signature", valid.getHeaders().get("X-Twilio-Signature"));
        replay.setHeaders(headers);
        APIGatewayProxyResponseEvent response = handler.handleRequest(replay, null);
        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().contains("\"error\":\"invalid_signature\""));
        assertEquals(List.of(), STORE.callees().joins(B));
    }

    @Test
    void aSignedRequestForACallOfAnotherIncidentHangsUpAndRecordsNothing() {
        for (Map<String, String> params : List.of(keypress(), Map.of("CallSid", CALL_OF_A, "To", "+818012345601"))) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(ApiEvents.join(B, params, TwilioApiStandIn.AUTH_TOKEN), null);
            assertEquals(200, response.getStatusCode());
            assertTrue(response.getBody().contains("<Hangup/>"), response.getBody());
            assertFalse(response.getBody().contains("<Dial"), response.getBody());
            assertFalse(response.getBody().contains("Secret text"), "another incident's alert is not read out");
        }
        assertEquals(List.of(), STORE.callees().joins(B));
        // the genuine request still works
        String xml = handler.handleRequest(ApiEvents.join(A, keypress(), TwilioApiStandIn.AUTH_TOKEN), null).getBody();
        assertTrue(xml.contains("alertbridge-" + A + "</Conference>"), xml);
        assertEquals(1, STORE.callees().joins(A).size());
    }

    @Test
    void unsignedAndForgedRequestsAre403() {
        APIGatewayProxyRequestEvent unsigned = ApiEvents.join(A, keypress(), TwilioApiStandIn.AUTH_TOKEN);
        Map<String, String> headers = new HashMap<>(unsigned.getHeaders());
        headers.remove("X-Twilio-Signature");
        unsigned.setHeaders(headers);
        assertEquals(403, handler.handleRequest(unsigned, null).getStatusCode());
        assertEquals(403, handler.handleRequest(ApiEvents.join(B, keypress(), "guessed-token"), null).getStatusCode());
        assertEquals(List.of(), STORE.callees().joins(B));
    }
}
