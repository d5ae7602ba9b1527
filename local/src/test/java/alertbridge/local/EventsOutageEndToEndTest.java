package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.table.IncidentStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incident events while the events queue fails ({@code sqs=unavailable} or {@code throttle}): each is kept in the
 * table's outbox, and once SQS is back the check detector's minute run (here every 3 s) queues them, with their ids,
 * so the receiver gets all three (opened, two joined), once each, within two minutes.
 */
class EventsOutageEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "+818012345601";
    private static final String B = "+818012345602";

    @ParameterizedTest(name = "sqs={0}")
    @ValueSource(strings = {"unavailable", "throttle"})
    void eventsKeptDuringAnSqsOutageAreDeliveredAfterIt(String mode) throws IOException {
        try (EventReceiver receiver = new EventReceiver();
             LocalStack stack = LocalStack.start(StackOptions.forTests(0.05)
                     .withParameter("EventWebhooks", receiver.url("/generic")))) {
            LocalClient client = new LocalClient(stack);
            stack.faults().set("sqs", mode);
            LocalClient.Response alert = client.alert("to=" + A + "," + B + "&message=Disk full");
            assertEquals(202, alert.status(), String.valueOf(alert.json()));
            String id = alert.json().get("incidentId").asText();
            eventually(() -> stack.simulator().orElseThrow().onBridge("alertbridge-" + id), n -> n == 2, Duration.ofSeconds(30));
            IncidentStore table = new IncidentStore(stack.dynamo(), stack.tableName(), Duration.ofDays(1), java.util.Optional.empty());
            eventually(() -> table.outbox().waiting(100).stream().filter(k -> k.eventJson().contains(id)).count(), n -> n == 3,
                    Duration.ofSeconds(30)); // opened and both joins, kept in the table
            assertEquals(List.of(), received(receiver, id), "nothing can be queued meanwhile");

            stack.faults().set("sqs", "off");
            List<JsonNode> events = eventually(() -> received(receiver, id), l -> l.size() >= 3, Duration.ofMinutes(2));
            assertEquals(List.of("callee.joined", "callee.joined", "incident.opened"),
                    events.stream().map(e -> e.get("type").asText()).sorted().toList());
            assertEquals(3, events.stream().map(e -> e.get("id").asText()).distinct().count(), "each once, with its own id");
        }
    }

    private static List<JsonNode> received(EventReceiver receiver, String incidentId) {
        return receiver.posts("/generic").stream().filter(p -> p.body().contains(incidentId)).map(p -> {
            try {
                return JSON.readTree(p.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
