package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.IncidentRepository;
import alertbridge.log.JsonLog;
import alertbridge.testing.LocalDynamoDb;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.TwilioApiStandIn;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler fed from events/*.json, wired as in Lambda but with DynamoDB Local and the Twilio stand-in. */
class AlertHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod";
    private static LocalDynamoDb dynamo;
    private TwilioApiStandIn twilio;
    private AlertHandler handler;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void startDynamo() {
        dynamo = new LocalDynamoDb();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        handler = new AlertHandler(SampleConfig.settings(dynamo.tableName(), twilio, Map.of()),
                SampleConfig.parameters(TwilioApiStandIn.AUTH_TOKEN), dynamo.client());
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    @ParameterizedTest
    @Events(events = {
            @Event("events/alert-form.json"),
            @Event("events/alert-json.json"),
            @Event("events/alert-query.json")}, type = APIGatewayProxyRequestEvent.class)
    void everyInputFormPhonesEveryoneAndAnswers202(APIGatewayProxyRequestEvent event) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

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
            assertEquals(BASE + "/join_conference?incident=" + incidentId, r.field("Url"), "Twilio is sent to this stage's webhook");
            assertEquals(SampleConfig.CALLER_NUMBER, r.field("From"));
            assertEquals("30", r.field("Timeout"));
        }
        IncidentRepository repository = new IncidentRepository(dynamo.client(), dynamo.tableName(), Duration.ofDays(1));
        assertEquals(callees, repository.calls(incidentId).size());

        String logText = logs.toString(StandardCharsets.UTF_8);
        assertFalse(logText.contains(SampleConfig.ALERT_TOKEN), "no token in logs");
        assertFalse(logText.contains(TwilioApiStandIn.AUTH_TOKEN), "no auth token in logs");
        for (TwilioApiStandIn.CreateRequest r : twilio.requests()) {
            assertFalse(logText.contains(r.field("To")), "no unmasked number in logs: " + logText);
        }
        for (String line : logText.split("\n")) {
            JSON.readTree(line); // every log line is JSON
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
}
