package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.JoinRecord;
import alertbridge.table.IncidentStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50 people answering in the same second, with every Twilio callback delivered twice (as Twilio's retries may):
 * 50 joins recorded, none lost, none doubled.
 */
class FiftyAtOnceEndToEndTest {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.05).withParameter("MaxCallees", "50").withCallbacksTwice());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void fiftyJoinsRecordedNoneLostOrDoubled() {
        List<String> numbers = IntStream.range(0, 50).mapToObj(i -> String.format("+8180123456%02d", i)).toList();
        LocalClient client = new LocalClient(stack);
        LocalClient.Response alert = client.alert("to=" + String.join(",", numbers) + "&message=Everyone+please");
        assertEquals(202, alert.status(), alert.json().toString());
        assertEquals(50, alert.json().get("calls").size());
        String id = alert.json().get("incidentId").asText();

        JsonNode timeline = eventually(() -> client.get("/incidents/" + id).json(),
                t -> t.get("onBridge").asInt() == 50, Duration.ofSeconds(90)); // correctness, not speed: docs/benchmarks.md

        for (JsonNode c : timeline.get("callees")) {
            assertEquals("joined", c.get("outcome").asText(), c.toString());
        }
        IncidentStore store = new IncidentStore(stack.dynamo(), stack.tableName(), Duration.ofDays(1), java.util.Optional.empty());
        assertEquals(50, store.callees().joins(id).size(), "one JOIN row per call");
        assertEquals(new HashSet<>(numbers), store.callees().joins(id).stream().map(JoinRecord::to).collect(Collectors.toSet()));
        List<ConferenceEvent> bridge = store.events().conferenceEvents(id);
        assertEquals(50, bridge.stream().filter(e -> e.event().equals(ConferenceEvent.JOIN)).count(), "each join reported once, though delivered twice");
        assertEquals(1, bridge.stream().filter(e -> e.event().equals(ConferenceEvent.START)).count());
        assertEquals(50, stack.simulator().orElseThrow().onBridge("alertbridge-" + id));
        long statusReports = stack.simulator().orElseThrow().webhooks().stream().filter(w -> w.url().contains("/call_status")).count();
        assertEquals(statusReports / 2, store.events().callEvents(id).size(), "every status report delivered twice, stored once");
    }
}
