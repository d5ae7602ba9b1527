package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.formats.FormEncoding;
import alertbridge.incident.Incident;
import alertbridge.incident.JoinRecord;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSigner;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/** Twilio's webhook, fed from events/*.json (signed with the sample auth token), against moto (the local AWS). */
class JoinConferenceHandlerTest {
    private static final String INCIDENT = "SampleIncident00000001";
    private static final String URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=" + INCIDENT;
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    static {
        STORE.incidents().create(Incident.open(INCIDENT, "Database primary is down", Instant.now(), 2));
        // the calls the alert placed (the events' CallSids): only calls of this incident may join it
        STORE.callees().recordCall(INCIDENT, "+818012345601", new alertbridge.calls.DialResult.Placed("CA" + "1".repeat(32), "queued"), Instant.now());
        STORE.callees().recordCall(INCIDENT, "+818012345602", new alertbridge.calls.DialResult.Placed("CA" + "2".repeat(32), "queued"), Instant.now());
    }

    private JoinConferenceHandler handler;

    @BeforeEach
    void start() {
        handler = handler(Map.of(), TwilioApiStandIn.AUTH_TOKEN);
    }

    private static JoinConferenceHandler handler(Map<String, String> env, String authToken) {
        return new JoinConferenceHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, env), SampleConfig.parameters(AWS, authToken), AWS.dynamo(), null));
    }

    @AfterEach
    void clearJoins() {
        // each test starts with no joins recorded for the sample incident
        for (JoinRecord join : STORE.callees().joins(INCIDENT)) {
            AWS.dynamo().deleteItem(b -> b.tableName(AWS.tableName()).key(Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("INCIDENT#" + INCIDENT),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOIN#" + join.callSid()))));
        }
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @ParameterizedTest
    @Event(value = "events/join-answered.json", type = APIGatewayProxyRequestEvent.class)
    void answeringHearsTheAlertAndIsAskedForAKey(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/xml"));
        String xml = response.getBody();
        assertTrue(xml.contains("<Gather action=\"" + URL + "\""), xml);
        assertTrue(xml.contains("Database primary is down"), xml);
        assertFalse(xml.contains("<Dial"), "a voicemail that never presses a key never reaches the bridge: " + xml);
        assertEquals(List.of(), STORE.callees().joins(INCIDENT));
    }

    @ParameterizedTest
    @Event(value = "events/join-keypress.json", type = APIGatewayProxyRequestEvent.class)
    void aKeyJoinsTheBridgeAndIsRecordedOnce(APIGatewayProxyRequestEvent event) {
        String xml = handler.handleRequest(event, null).getBody();
        assertTrue(xml.contains("<Dial><Conference endConferenceOnExit=\"false\" startConferenceOnEnter=\"true\" "
                + "statusCallback=\"https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod/conference_events?incident=" + INCIDENT
                + "\" statusCallbackEvent=\"start end join leave\" statusCallbackMethod=\"POST\">alertbridge-"
                + INCIDENT + "</Conference></Dial>"), xml);
        assertEquals(xml, handler.handleRequest(event, null).getBody(), "Twilio's retry gets the same TwiML");
        List<JoinRecord> joins = STORE.callees().joins(INCIDENT);
        assertEquals(1, joins.size());
        assertEquals("CA" + "1".repeat(32), joins.get(0).callSid());
        assertEquals("+818012345601", joins.get(0).to());
    }

    @ParameterizedTest
    @Event(value = "events/join-forged.json", type = APIGatewayProxyRequestEvent.class)
    void aForgedSignatureIs403AndRecordsNothing(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().contains("\"error\":\"invalid_signature\""));
        event.getHeaders().remove("X-Twilio-Signature");
        assertEquals(403, handler.handleRequest(event, null).getStatusCode());
        assertEquals(List.of(), STORE.callees().joins(INCIDENT));
    }

    @ParameterizedTest
    @Event(value = "events/join-keypress.json", type = APIGatewayProxyRequestEvent.class)
    void aSignatureMadeWithAnotherAuthTokenIs403(APIGatewayProxyRequestEvent event) {
        assertEquals(403, handler(Map.of(), "another-accounts-token").handleRequest(event, null).getStatusCode());
        assertEquals(List.of(), STORE.callees().joins(INCIDENT));
    }

    @ParameterizedTest
    @Event(value = "events/join-keypress.json", type = APIGatewayProxyRequestEvent.class)
    void theSignatureCoversTheStageAndTheCustomDomain(APIGatewayProxyRequestEvent event) {
        // the same request as seen behind a custom domain: signed for that URL, it is valid only with PublicBaseUrl set
        Map<String, String> params = Map.of("AccountSid", "AC" + "0".repeat(32), "CallSid", "CA" + "2".repeat(32),
                "Digits", "1", "To", "+818012345602");
        String customUrl = "https://alerts.example.com/join_conference?incident=" + INCIDENT;
        event.withBody(alertbridge.formats.FormEncoding.encode("AccountSid") + "=AC" + "0".repeat(32)
                + "&CallSid=CA" + "2".repeat(32) + "&Digits=1&To=%2B818012345602");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("X-Twilio-Signature", TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, customUrl, params));
        event.setHeaders(headers);
        assertEquals(403, handler.handleRequest(event, null).getStatusCode());
        APIGatewayProxyResponseEvent ok = handler(Map.of("PUBLIC_BASE_URL", "https://alerts.example.com"), TwilioApiStandIn.AUTH_TOKEN)
                .handleRequest(event, null);
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertTrue(ok.getBody().contains("<Conference"), ok.getBody());
    }

    @ParameterizedTest
    @Event(value = "events/join-answered.json", type = APIGatewayProxyRequestEvent.class)
    void withoutTheKeypressGuardAnsweringJoins(APIGatewayProxyRequestEvent event) {
        String xml = handler(Map.of("REQUIRE_KEYPRESS", "false"), TwilioApiStandIn.AUTH_TOKEN).handleRequest(event, null).getBody();
        int said = xml.indexOf("Database primary is down");
        assertTrue(said >= 0 && said < xml.indexOf("<Dial>"), xml);
        assertEquals(1, STORE.callees().joins(INCIDENT).size());
    }

    @Test
    void aMalformedIncidentIdGetsTwimlThatSaysSo() {
        String unknown = "Unknown-not-an-id";
        String url = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=" + unknown;
        Map<String, String> params = Map.of("CallSid", "CA" + "3".repeat(32), "To", "+818012345603", "Digits", "1");
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/join_conference")
                .withHeaders(Map.of("X-Twilio-Signature", TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, url, params),
                        "Content-Type", "application/x-www-form-urlencoded"))
                .withQueryStringParameters(Map.of("incident", unknown))
                .withBody("CallSid=CA" + "3".repeat(32) + "&To=%2B818012345603&Digits=1")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withDomainName("abc123defg.execute-api.us-east-1.amazonaws.com").withPath("/Prod/join_conference"));
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("unknown or has expired"), response.getBody());
        assertTrue(response.getBody().contains("<Hangup/>"));
        assertEquals(List.of(), STORE.callees().joins(unknown));
    }

    /**
     * The Twilio auth token is read from SSM (moto) through the production reader and cached: after a rotation, key
     * presses signed with the new token are accepted once the cache's time is up, and the old token no longer is.
     */
    @Test
    void aRotatedAuthTokenTakesEffectWhenTheCacheExpires() throws Exception {
        JoinConferenceHandler warm = handler(Map.of("PARAMETER_CACHE_SECONDS", "1"), TwilioApiStandIn.AUTH_TOKEN);
        Map<String, String> keypress = Map.of("AccountSid", TwilioApiStandIn.ACCOUNT_SID, "CallSid", "CA" + "1".repeat(32),
                "To", "+818012345601", "Digits", "1");
        assertEquals(200, warm.handleRequest(ApiEvents.join(INCIDENT, keypress, TwilioApiStandIn.AUTH_TOKEN), null).getStatusCode());
        AWS.putSecret("twilio/auth-token", "rotated-auth-token");
        assertEquals(200, warm.handleRequest(ApiEvents.join(INCIDENT, keypress, TwilioApiStandIn.AUTH_TOKEN), null).getStatusCode(),
                "within the cache time the token held still checks");
        Thread.sleep(1_200);
        assertEquals(403, warm.handleRequest(ApiEvents.join(INCIDENT, keypress, TwilioApiStandIn.AUTH_TOKEN), null).getStatusCode());
        APIGatewayProxyResponseEvent rotated = warm.handleRequest(ApiEvents.join(INCIDENT, keypress, "rotated-auth-token"), null);
        assertEquals(200, rotated.getStatusCode(), rotated.getBody());
        assertTrue(rotated.getBody().contains("<Conference"), rotated.getBody());
    }
}
