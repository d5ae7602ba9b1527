package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.log.JsonLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics of whole incidents over the local stack, read back from the functions' log lines as CloudWatch would
 * (Embedded Metric Format): a roster's incident that two people join and a tool resolves, and one nobody answers.
 */
class IncidentMetricsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private static LocalStack stack;
    private static LocalClient client;

    @BeforeAll
    static void start() {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        stack = LocalStack.start(StackOptions.forTests(0.05));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
        JsonLog.redirect(System.out);
    }

    @Test
    void aTeamsIncidentCountsOpenedFirstJoinAndResolvedOnceEach() throws IOException {
        String resolved = sample("alertmanager-resolved.json");
        String firing = resolved.replace("\"resolved\"", "\"firing\"");
        LocalClient.Response opened = client.webhook("team=sre", firing);
        assertEquals(202, opened.status(), String.valueOf(opened.json()));
        String id = opened.json().get("incidentId").asText();
        eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 2, Duration.ofSeconds(20));
        assertTrue(client.webhook("team=sre", resolved).json().get("resolved").asBoolean());
        JsonNode timeline = client.get("/incidents/" + id).json();

        JsonNode open = only(id, "metrics_opened");
        assertMetric(open, "IncidentsOpened", "Count", 1);
        assertMetric(open, "CalleesPaged", "Count", 2);
        assertEquals("sre", open.get("Team").asText());
        assertEquals(List.of(List.of("Team"), List.of()), JSON.convertValue(
                open.at("/_aws/CloudWatchMetrics/0/Dimensions"), List.class), "per team, and all incidents");
        assertEquals("alertbridge", open.at("/_aws/CloudWatchMetrics/0/Namespace").asText());

        JsonNode first = only(id, "metrics_first_join"); // two people joined: counted once
        Instant created = Instant.parse(timeline.get("createdAt").asText());
        Instant firstJoin = Instant.parse(timeline.get("callees").get(0).get("joinedAt").asText());
        for (JsonNode c : timeline.get("callees")) {
            Instant joined = Instant.parse(c.get("joinedAt").asText());
            firstJoin = joined.isBefore(firstJoin) ? joined : firstJoin;
        }
        double seconds = first.get("TimeToFirstJoin").asDouble();
        assertTrue(Math.abs(seconds - Duration.between(created, firstJoin).toMillis() / 1000.0) <= 1.0,
                seconds + " s, the timeline says " + created + " to " + firstJoin);
        assertMetric(first, "RoundsToFirstJoin", "Count", 1);

        JsonNode closed = only(id, "metrics_resolved");
        assertMetric(closed, "IncidentsResolved", "Count", 1);
        assertMetric(closed, "PeopleJoined", "Count", 2);
        assertMetric(closed, "ResolvedUnjoined", "Count", 0);
        assertTrue(closed.get("TimeToResolve").asDouble() >= seconds, closed.toString());
    }

    @Test
    void anIncidentNobodyAnswersCountsUnansweredWithItsRoundsAndNoFirstJoin() {
        LocalClient.Response opened = client.alert("to=+818012345692&message=Disk full");
        String id = opened.json().get("incidentId").asText();
        eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("status").asText().equals("unanswered"),
                Duration.ofSeconds(40));

        JsonNode unanswered = only(id, "metrics_unanswered");
        assertMetric(unanswered, "IncidentsUnanswered", "Count", 1);
        assertMetric(unanswered, "RoundsDialled", "Count", 3);
        assertEquals("(numbers)", unanswered.get("Team").asText(), "an alert given numbers only");
        assertEquals(List.of(), lines(id, "metrics_first_join"));
    }

    private static JsonNode only(String incidentId, String event) {
        List<JsonNode> found = lines(incidentId, event);
        assertEquals(1, found.size(), event + ": " + found);
        return found.getFirst();
    }

    private static List<JsonNode> lines(String incidentId, String event) {
        List<JsonNode> found = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"" + event + "\"") && line.contains(incidentId)) {
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.path("event").asText().equals(event) && node.path("incidentId").asText().equals(incidentId)) {
                        found.add(node);
                    }
                } catch (IOException e) {
                    throw new AssertionError("not one JSON object: " + line, e);
                }
            }
        }
        return found;
    }

    /** The value is there, and the EMF metadata declares it with its unit. */
    private static void assertMetric(JsonNode line, String name, String unit, double value) {
        assertEquals(value, line.get(name).asDouble(), 0.0001, name + " in " + line);
        boolean declared = false;
        for (JsonNode m : line.at("/_aws/CloudWatchMetrics/0/Metrics")) {
            declared |= m.get("Name").asText().equals(name) && m.get("Unit").asText().equals(unit);
        }
        assertTrue(declared, name + " declared with unit " + unit + ": " + line);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = IncidentMetricsEndToEndTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
