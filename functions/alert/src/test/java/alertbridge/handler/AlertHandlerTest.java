package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler fed from events/*.json, wired as in Lambda but with moto (DynamoDB, SSM) and the Twilio stand-in. */
class AlertHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod";
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private TwilioApiStandIn twilio;
    private AlertHandler handler;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    /** Who each sample event asks to be called, as E.164. */
    private static final Map<String, java.util.Set<String>> CALLEES = Map.of(
            "Database primary is down", java.util.Set.of("+818012345601", "+818012345602"),
            "CPU above 95% on web-1", java.util.Set.of("+818012345601", "+14155552671"),
            "Disk full on db-2", java.util.Set.of("+818012345601"));

    @ParameterizedTest
    @Events(events = {
            @Event("events/alert-form.json"),
            @Event("events/alert-json.json"),
            @Event("events/alert-query.json")}, type = APIGatewayProxyRequestEvent.class)
    void everyInputFormPhonesEveryoneAndAnswers202(APIGatewayProxyRequestEvent event) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        String message = SampleConfig.store(aws)
                .incidents().find(JSON.readTree(response.getBody()).get("incidentId").asText()).orElseThrow().message();
        assertEquals(CALLEES.get(message),
                twilio.requests().stream().map(r -> r.field("To")).collect(java.util.stream.Collectors.toSet()));

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = JSON.readTree(response.getBody());
        String incidentId = body.get("incidentId").asText();
        assertEquals("alertbridge-" + incidentId, body.get("conference").asText());
        int callees = twilio.requests().size();
        assertTrue(callees >= 1);
        assertEquals(callees, body.get("calls").size());
        assertEquals(0, body.get("failed").size());
        assertEquals(0, body.get("rejected").size());
        for (JsonNode call : body.get("calls")) {
            assertTrue(call.get("callSid").asText().startsWith("CA"));
            assertEquals("queued", call.get("status").asText());
        }
        for (TwilioApiStandIn.CreateRequest r : twilio.requests()) {
            // the alert goes with the call; its key press is sent to this stage's webhook
            assertEquals(null, r.field("Url"));
            assertTrue(r.field("Twiml").contains("<Gather action=\"" + BASE + "/join_conference?incident=" + incidentId + "\""),
                    r.field("Twiml"));
            assertEquals(SampleConfig.CALLER_NUMBER, r.field("From"));
            assertEquals("30", r.field("Timeout"));
        }
        IncidentStore store = SampleConfig.store(aws);
        assertEquals(callees, store.callees().calls(incidentId).size());

        String logText = logs.toString(StandardCharsets.UTF_8);
        assertFalse(logText.contains(SampleConfig.ALERT_TOKEN), "no token in logs");
        assertFalse(logText.contains(TwilioApiStandIn.AUTH_TOKEN), "no auth token in logs");
        for (TwilioApiStandIn.CreateRequest r : twilio.requests()) {
            assertFalse(logText.contains(r.field("To")), "no unmasked number in logs: " + logText);
        }
        ObjectMapper strict = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        String[] lines = logText.strip().split("\n");
        assertTrue(lines.length >= 2, logText); // incident_created and one line per call at least
        for (String line : lines) {
            assertTrue(strict.readTree(line).isObject(), line); // every log line is one JSON object
        }
    }

    @ParameterizedTest
    @Event(value = "events/alert-form.json", type = APIGatewayProxyRequestEvent.class)
    void theOriginalCurlUsageKeepsThePlusSigns(APIGatewayProxyRequestEvent event) throws Exception {
        handler.handleRequest(event, null);
        assertEquals(java.util.Set.of("+818012345601", "+818012345602"),
                twilio.requests().stream().map(r -> r.field("To")).collect(java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest
    @Event(value = "events/alert-json.json", type = APIGatewayProxyRequestEvent.class)
    void whenTwilioPlacesNoCallItIsA502SoTheSenderRetries(APIGatewayProxyRequestEvent event) throws Exception {
        // numbers ending in 96 are refused by the stand-in with Twilio error 21215
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event.withBody("{\"to\":[\"+818012345696\",\"+14155550196\"],\"message\":\"m\"}"), null);
        assertEquals(502, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("no_call_placed", body.get("error").asText());
        assertEquals(2, body.get("failed").size());
        assertEquals(21215, body.get("failed").get(0).get("code").asInt());
        assertTrue(body.get("incidentId").asText().length() == 22);
    }

    @ParameterizedTest
    @Event(value = "events/alert-unauthorized.json", type = APIGatewayProxyRequestEvent.class)
    void aWrongTokenIs401AndDialsNobody(APIGatewayProxyRequestEvent event) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertEquals(401, response.getStatusCode());
        assertEquals("unauthorized", JSON.readTree(response.getBody()).get("error").asText());
        assertEquals(0, twilio.requests().size());

        event.getHeaders().remove("Authorization");
        assertEquals(401, handler.handleRequest(event, null).getStatusCode());
        assertEquals(0, twilio.requests().size());
    }

    @ParameterizedTest
    @Event(value = "events/alert-invalid-numbers.json", type = APIGatewayProxyRequestEvent.class)
    void noCallableNumberIs400NamingEach(APIGatewayProxyRequestEvent event) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("no_valid_numbers", body.get("error").asText());
        assertTrue(body.get("detail").asText().contains("'12345'") && body.get("detail").asText().contains("'not-a-number'"));
        assertEquals(0, twilio.requests().size());
    }

    @ParameterizedTest
    @Event(value = "events/alert-json.json", type = APIGatewayProxyRequestEvent.class)
    void badBodiesAre4xxJsonNeverA5xx(APIGatewayProxyRequestEvent event) throws Exception {
        for (String body : new String[] {"{\"to\": [", "[]", "{\"to\": 5}", "{}", "null", "\"x\""}) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(event.withBody(body), null);
            assertEquals(400, response.getStatusCode(), body);
            JsonNode json = JSON.readTree(response.getBody());
            assertTrue(json.has("error") && json.has("detail"), response.getBody());
        }
        event.getHeaders().put("Content-Type", "text/csv");
        assertEquals(415, handler.handleRequest(event.withBody("a,b"), null).getStatusCode());
        assertEquals(0, twilio.requests().size());
    }

    /**
     * The alert tokens are read from SSM (moto) through the production reader and cached: a rotated list is used once
     * the cache's time is up ({@code PARAMETER_CACHE_SECONDS}), without a redeploy, and not before.
     */
    @Test
    void aRotatedAlertTokenListTakesEffectWhenTheCacheExpires() throws Exception {
        AlertHandler warm = new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of("PARAMETER_CACHE_SECONDS", "1")), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
        // an authorised request with no callee is 400; an unauthorised one is 401 (checked first); nobody is dialled
        assertEquals(400, status(warm, SampleConfig.ALERT_TOKEN));
        aws.putSecret("alert-tokens", "rotated-token");
        assertEquals(400, status(warm, SampleConfig.ALERT_TOKEN), "within the cache time the tokens held still count");
        assertEquals(401, status(warm, "rotated-token"));
        Thread.sleep(1_200);
        assertEquals(401, status(warm, SampleConfig.ALERT_TOKEN), "the removed token is refused once the cache expired");
        assertEquals(400, status(warm, "rotated-token"), "the new one is accepted");
        assertEquals(0, twilio.requests().size());
    }

    private static int status(AlertHandler handler, String token) {
        return handler.handleRequest(ApiEvents.alert(Map.of("X-Alert-Token", token, "Content-Type", "application/json"),
                Map.of(), "{\"message\": \"no callee\"}", false), null).getStatusCode();
    }
}
