package alertbridge.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.callevents.CallEventService;
import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EMF lines themselves, and the first join counted once when many join reports arrive at the same moment. */
class IncidentMetricsTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        JsonLog.redirect(System.out);
    }

    private List<JsonNode> lines(String event) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && JSON.readTree(line).path("event").asText().equals(event)) {
                found.add(JSON.readTree(line));
            }
        }
        return found;
    }

    @Test
    void anIncidentOfTwoTeamsCountsForEachTeamAndOnceForAll() throws IOException {
        Incident incident = Incident.open("I1", "DB down", T0, 3, List.of("sre", "db"));
        new IncidentMetrics().resolved(incident, 2, T0.plusSeconds(95));

        List<JsonNode> lines = lines("metrics_resolved");
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("sre", lines.get(0).get("Team").asText());
        assertEquals("db", lines.get(1).get("Team").asText());
        assertEquals("[[\"Team\"],[]]", lines.get(0).at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("[[\"Team\"]]", lines.get(1).at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                "the second team's line must not count the incident again in the all-incidents series");
        for (JsonNode line : lines) {
            assertEquals(95.0, line.get("TimeToResolve").asDouble());
            assertEquals(2.0, line.get("PeopleJoined").asDouble());
            assertEquals(0.0, line.get("ResolvedUnjoined").asDouble());
            assertEquals(T0.plusSeconds(95).toEpochMilli(), line.at("/_aws/Timestamp").asLong());
            assertEquals("I1", line.get("incidentId").asText());
        }
    }

    @Test
    void twentyJoinReportsAtOnceCountTheFirstJoinOnce() throws Exception {
        IncidentStore store = SampleConfig.store(aws);
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "DB down", T0, 20, List.of("sre")), List.of());
        CallEventService events = new CallEventService(store, java.util.Optional.empty(), alertbridge.events.IncidentEvents.metricsOnly(java.time.Clock.systemUTC()));

        try (ExecutorService twilio = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 20).forEach(i -> twilio.submit(() -> events.conferenceEvent(id, new ConferenceEvent(
                    "CF" + "0".repeat(32), ConferenceEvent.JOIN, Optional.of("CA" + String.format("%032d", i % 10)),
                    T0.plusSeconds(40 + i % 10), 2 + i % 10)))); // ten people, each report delivered twice
        }

        List<JsonNode> first = lines("metrics_first_join");
        assertEquals(1, first.size(), first.toString());
        double seconds = first.getFirst().get("TimeToFirstJoin").asDouble();
        assertTrue(seconds >= 40 && seconds <= 49, "the winner's own report time: " + seconds);
        assertEquals(1.0, first.getFirst().get("RoundsToFirstJoin").asDouble());
        assertEquals(List.of("sre"), store.incidents().find(id).orElseThrow().teams(), "teams stored with the incident");
    }
}
