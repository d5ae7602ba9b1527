package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recovery window, end to end: the table is down while {@code /alert} runs, so the incident and its callees wait
 * on the records queue; it is back before the callees press a key. The signed key press is enough: both are bridged
 * at once, nobody hears "unknown or has expired", Twilio's callbacks are kept, and the timeline shows both joined
 * once the records land. Both callees answer after ~8 s (last digits 98: 0.4 s at speed 0.05), and the records
 * queue's retry comes 3 s after its first try, so the key presses fall in the window.
 */
class RecoveryWindowEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String A = "+818012345698";
    private static final String B = "+818012345798";

    @ParameterizedTest(name = "dynamodb={0}")
    @ValueSource(strings = {"unavailable", "blackhole"})
    void aKeyPressAfterTheTableIsBackBridgesBeforeTheIncidentLands(String mode) {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient client = new LocalClient(stack);
            TwilioSimulator phones = stack.simulator().orElseThrow();
            stack.faults().set("dynamodb", mode);
            Thread.ofVirtual().start(() -> {
                // the table comes back as soon as both calls are placed: the alert's writes are already deferred
                LocalClient.eventually(() -> phones.createRequests().size(), n -> n == 2, WAIT);
                stack.faults().set("dynamodb", "off");
            });
            LocalClient.Response alert = client.alert("to=" + A + "," + B + "&message=Disk full");
            assertEquals(202, alert.status(), String.valueOf(alert.json()));
            String id = alert.json().get("incidentId").asText();

            LocalClient.eventually(() -> phones.onBridge("alertbridge-" + id), n -> n == 2, WAIT);
            Map<String, List<String>> heard = phones.heard();
            assertTrue(heard.values().stream().flatMap(List::stream).noneMatch(s -> s.contains("unknown or has expired")),
                    heard.toString());

            JsonNode t = LocalClient.eventually(() -> client.get("/incidents/" + id),
                    r -> r.status() == 200 && r.json().get("callees").size() == 2 && r.json().get("onBridge").asInt() == 2
                            && StreamSupport.stream(r.json().get("callees").spliterator(), false)
                            .allMatch(c -> c.get("outcome").asText().equals("joined")), FaultMatrixEndToEndTest.RECOVERY).json();
            assertEquals(2, t.get("onBridge").asInt(), t.toString());
            assertEquals(2, phones.createRequests().size(), "nobody re-dialled");
            assertEquals(List.of(), phones.webhooks().stream().filter(w -> w.status() >= 500 || w.status() == 0).toList());
        }
    }
}
