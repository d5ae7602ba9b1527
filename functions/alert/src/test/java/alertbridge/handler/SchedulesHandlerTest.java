package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.ApiEvents;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schedule routes through the handler over moto: token, 400s that say what to fix, on call, shifts, report. */
class SchedulesHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SRE = "{\"zone\": \"Asia/Tokyo\", \"holidays\": [\"2027-01-11\"], \"rotations\": [{\"round\": 1,"
            + " \"unit\": \"weeks\", \"length\": 1, \"anchor\": \"2027-01-03T00:00\", \"participants\": [\"alice\", \"bob\", \"carol\"]}]}";
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static TwilioApiStandIn twilio;
    private static SchedulesHandler handler;

    @BeforeAll
    static void start() {
        twilio = new TwilioApiStandIn();
        var parameters = SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN);
        aws.putParameter("teams/oncall-sre", "+818012345601,+818012345602,+818012345603");
        aws.putSecret("people/alice", "{\"name\":\"Alice\",\"phone\":\"+818012345601\",\"slack\":\"U0ALICE\"}");
        aws.putSecret("people/bob", "{\"name\":\"Bob\",\"phone\":\"+818012345602\"}");
        aws.putSecret("people/carol", "{\"name\":\"Carol\",\"phone\":\"+818012345603\"}");
        aws.putSecret("people/dave", "{\"name\":\"Dave\",\"phone\":\"+818012345604\"}");
        var settings = SampleConfig.settings(aws, twilio, Map.of());
        handler = new SchedulesHandler(Clients.of(settings, parameters, aws.dynamo(), null).at(Clock.fixed(Instant.parse("2027-01-05T00:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static APIGatewayProxyResponseEvent call(String method, String resource, Map<String, String> path,
                                                     Map<String, String> query, String body, String token) {
        Map<String, List<String>> multi = new HashMap<>();
        query.forEach((k, v) -> multi.put(k, List.of(v)));
        APIGatewayProxyRequestEvent event = ApiEvents.post(resource, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + token), multi, body, false).withHttpMethod(method).withPathParameters(path);
        return handler.handleRequest(event, null);
    }

    private static APIGatewayProxyResponseEvent call(String method, String resource, String team, Map<String, String> query, String body) {
        return call(method, resource, Map.of("team", team), query, body, SampleConfig.ALERT_TOKEN);
    }

    @Test
    void putThenOnCallShiftsAndReport() throws Exception {
        APIGatewayProxyResponseEvent put = call("PUT", "/schedules/{team}", "oncall-sre", Map.of(), SRE);
        assertEquals(200, put.getStatusCode(), put.getBody());

        JsonNode now = JSON.readTree(call("GET", "/schedules/{team}/oncall", "oncall-sre",
                Map.of("at", "2027-01-05T12:00+09:00"), "").getBody());
        JsonNode alice = now.get("rounds").get(0).get("people").get(0);
        assertEquals("alice", alice.get("id").asText());
        assertEquals("Alice", alice.get("name").asText());
        assertTrue(alice.get("phone").asText().contains("*"), "masked: " + alice);
        assertEquals("2027-01-02T15:00:00Z", alice.get("since").asText());
        assertEquals("2027-01-09T15:00:00Z", alice.get("until").asText());
        assertEquals("2027-01-09T15:00:00Z", now.get("next").get("at").asText());
        assertEquals("bob", now.get("next").get("people").get(0).asText());
        assertEquals(false, now.get("gap").asBoolean());

        APIGatewayProxyResponseEvent override = call("POST", "/schedules/{team}/overrides", "oncall-sre", Map.of(),
                "{\"start\": \"2027-01-05T18:00+09:00\", \"end\": \"2027-01-06T09:00+09:00\", \"remove\": [\"alice\"], \"add\": [\"bob\"]}");
        assertEquals(201, override.getStatusCode(), override.getBody());

        JsonNode shifts = JSON.readTree(call("GET", "/schedules/{team}/shifts", "oncall-sre",
                Map.of("from", "2027-01-02T15:00:00Z", "to", "2027-01-09T15:00:00Z"), "").getBody()).get("shifts");
        assertEquals(3, shifts.size());
        assertEquals("2027-01-05T09:00:00Z", shifts.get(1).get("start").asText());
        assertEquals("bob", shifts.get(1).get("people").get(0).asText());

        APIGatewayProxyResponseEvent csv = call("GET", "/schedules/{team}/report", "oncall-sre",
                Map.of("from", "2027-01-03", "to", "2027-01-17", "format", "csv"), "");
        assertEquals("text/csv; charset=utf-8", csv.getHeaders().get("Content-Type"));
        assertTrue(csv.getBody().startsWith("person,total,weekday,weekend,holiday,night,fromOverrides,shifts,pages,joined\r\n"
                + "alice,153.00,105.00,48.00,0.00,"), csv.getBody());
        assertTrue(csv.getBody().contains("\r\nbob,183.00,111.00,48.00,24.00,"), csv.getBody());

        String report = call("GET", "/schedules/{team}/report", "oncall-sre", Map.of("from", "2027-01-03", "to", "2027-01-17"), "").getBody();
        assertTrue(report.contains("{\"person\":\"bob\",\"total\":183.00,\"weekday\":111.00,\"weekend\":48.00,\"holiday\":24.00,"), report);
        assertTrue(report.contains("\"fromOverrides\":15.00,"), report);
    }

    @Test
    void badInputIs400SayingWhatToFix() throws Exception {
        assertError(call("PUT", "/schedules/{team}", "oncall-sre", Map.of(), SRE.replace("bob", "dave")), 400, "person_not_on_roster");
        assertError(call("PUT", "/schedules/{team}", "oncall-sre", Map.of(), SRE.replace("Asia/Tokyo", "Mars/Olympus")), 400, "invalid_schedule");
        assertError(call("PUT", "/schedules/{team}", "oncall-sre", Map.of(), SRE.replace("\"weeks\", \"length\": 1", "\"hours\", \"length\": 5")),
                400, "invalid_schedule");
        assertError(call("PUT", "/schedules/{team}", "oncall-sre", Map.of(), "{not json"), 400, "malformed_json");
        assertError(call("GET", "/schedules/{team}/oncall", "nobody-here", Map.of(), ""), 404, "unknown_schedule");
        assertError(call("GET", "/schedules/{team}/oncall", "oncall-sre", Map.of("at", "yesterday"), ""), 400, "invalid_at");
        assertError(call("GET", "/schedules/{team}/report", "oncall-sre", Map.of("from", "2027-01-03"), ""), 400, "invalid_to");
        assertError(call("GET", "/schedules/{team}", Map.of("team", "oncall-sre"), Map.of(), "", "wrong-token"), 401, null);
    }

    @Test
    void theSampleEventsAreAnsweredAsTheirReadmeSays() throws Exception {
        APIGatewayProxyRequestEvent oncall = com.amazonaws.services.lambda.runtime.tests.EventLoader
                .loadApiGatewayRestEvent("events/schedules-oncall.json");
        assertError(handler.handleRequest(oncall, null), 404, "unknown_schedule");
    }

    private static void assertError(APIGatewayProxyResponseEvent response, int status, String code) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertTrue(body.hasNonNull("detail") && !body.get("detail").asText().isBlank(), response.getBody());
        if (code != null) {
            assertEquals(code, body.get("error").asText(), response.getBody());
        }
    }
}
