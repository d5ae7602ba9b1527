package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.calls.DialResult;
import alertbridge.incident.CallEvent;
import alertbridge.incident.Incident;
import alertbridge.table.IncidentStore;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /incidents and /incidents/{id}, fed from events/*.json, against moto (the local AWS). */
class IncidentsHandlerTest {
    private static final String INCIDENT = "SampleIncident00000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    static {
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        STORE.incidents().create(Incident.open(INCIDENT, "Database primary is down", t0, 2));
        STORE.callees().recordCall(INCIDENT, "+818012345601", new DialResult.Placed("CA" + "1".repeat(32), "queued"), t0);
        STORE.callees().recordCall(INCIDENT, "+818012345696", new DialResult.Failed(21215, "geo permission"), t0);
        STORE.events().recordCallEvent(INCIDENT, new CallEvent("CA" + "1".repeat(32), "+818012345601", "in-progress",
                t0.plusSeconds(8), 2, Optional.empty()));
        STORE.callees().recordJoin(INCIDENT, "CA" + "1".repeat(32), "+818012345601", t0.plusSeconds(20));
    }

    private final IncidentsHandler handler = new IncidentsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of()), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), null));

    private static APIGatewayProxyRequestEvent sample(String name) {
        return EventLoader.loadApiGatewayRestEvent("events/" + name);
    }

    @Test
    void timelineOfOneIncident() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(sample("incidents-get.json"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode t = JSON.readTree(response.getBody());
        assertEquals(INCIDENT, t.get("incidentId").asText());
        assertEquals("Database primary is down", t.get("message").asText());
        assertEquals("2026-11-23T03:00:00Z", t.get("createdAt").asText());
        JsonNode joined = t.get("callees").get(0);
        assertEquals("+818012345601", joined.get("to").asText());
        assertEquals("in-progress", joined.get("callStatus").asText());
        assertEquals("joined", joined.get("outcome").asText());
        assertEquals("2026-11-23T03:00:08Z", joined.get("answeredAt").asText());
        assertEquals("2026-11-23T03:00:20Z", joined.get("joinedAt").asText());
        JsonNode refused = t.get("callees").get(1);
        assertEquals("not placed", refused.get("outcome").asText());
        assertEquals(21215, refused.get("errorCode").asInt());
    }

    @Test
    void listOfRecentIncidents() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(sample("incidents-list.json"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode list = JSON.readTree(response.getBody());
        assertEquals(INCIDENT, list.get("incidents").get(0).get("incidentId").asText());
        assertEquals(2, list.get("incidents").get(0).get("calleeCount").asInt());
        assertEquals(true, list.get("next").isNull());
    }

    @Test
    void withoutTheTokenIs401() {
        APIGatewayProxyRequestEvent event = sample("incidents-get.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("Authorization", "Bearer wrong");
        event.setHeaders(headers);
        event.setMultiValueHeaders(null);
        assertEquals(401, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void unknownIncidentIs404AndBadLimitIs400() {
        APIGatewayProxyRequestEvent unknown = sample("incidents-get.json");
        unknown.setPathParameters(Map.of("id", "NoSuchIncident00000001"));
        APIGatewayProxyRequestEvent badLimit = sample("incidents-list.json");
        badLimit.setQueryStringParameters(Map.of("limit", "5000"));
        badLimit.setMultiValueQueryStringParameters(null);

        APIGatewayProxyResponseEvent notFound = handler.handleRequest(unknown, null);
        APIGatewayProxyResponseEvent tooMany = handler.handleRequest(badLimit, null);
        assertEquals(404, notFound.getStatusCode(), notFound.getBody());
        assertEquals(400, tooMany.getStatusCode(), tooMany.getBody());
        assertEquals(true, tooMany.getBody().contains("invalid_limit"));
    }
}
