package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager over the local stack: a group fires (both people are phoned and join), fires again on its
 * repeat_interval (joins the open incident, nobody is phoned again), then resolves (the incident is closed).
 */
class WebhookDedupEndToEndTest {
    private static final String TO = "to=%2B818012345601,%2B818012345602";
    private static LocalStack stack;
    private static LocalClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.05));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aFiringGroupPagesOnceItsRepeatJoinsAndItsResolveClosesTheIncident() throws IOException {
        String resolved = sample("alertmanager-resolved.json");
        String firing = resolved.replace("\"resolved\"", "\"firing\"");

        LocalClient.Response first = client.webhook(TO, firing);
        assertEquals(202, first.status(), String.valueOf(first.json()));
        String id = first.json().get("incidentId").asText();
        assertEquals(2, first.json().get("calls").size(), first.json().toString());

        JsonNode joined = eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 2,
                Duration.ofSeconds(20));
        assertEquals("Critical: ProbeFailure on shop.example.com. Probe failure.", joined.get("message").asText(),
                "the spoken sentence, not the JSON");

        LocalClient.Response repeat = client.webhook(TO, firing);
        assertEquals(200, repeat.status(), String.valueOf(repeat.json()));
        assertTrue(repeat.json().get("deduplicated").asBoolean());
        assertEquals(id, repeat.json().get("incidentId").asText());

        LocalClient.Response close = client.webhook(TO, resolved);
        assertEquals(200, close.status(), String.valueOf(close.json()));
        assertTrue(close.json().get("resolved").asBoolean(), close.json().toString());
        assertEquals(id, close.json().get("incidentId").asText());

        JsonNode timeline = client.get("/incidents/" + id).json();
        assertEquals("resolved", timeline.get("status").asText(), timeline.toString());
        assertTrue(timeline.hasNonNull("resolvedAt"), timeline.toString());
        assertEquals(2, timeline.get("callees").size(), "nobody was phoned twice: " + timeline);
        assertEquals(2, stack.simulator().orElseThrow().onBridge("alertbridge-" + id), "a resolve hangs nobody up");
    }

    /**
     * One alert, one incident: Twilio refuses to create the only call (21215 for the number ending 96), so each of the
     * tool's retries answers 502 no_call_placed; they all dial again in the first attempt's incident, and a refused
     * create uses none of the number's 6 calls an hour, so the 7th retry and later are not refused "already called".
     */
    @Test
    void aRefusedOnlyAlertRetriedTenTimesIsOneIncidentAndNeverRateLimited() {
        String body = "{\"dedup_key\": \"refused-only\", \"message\": \"Disk full\", \"to\": \"+818012345696\"}";
        java.util.Set<String> incidents = new java.util.HashSet<>();
        int before = stack.simulator().orElseThrow().createRequests().size();
        for (int attempt = 1; attempt <= 10; attempt++) {
            LocalClient.Response sent = client.webhook("", body);
            assertEquals(502, sent.status(), "attempt " + attempt + ": " + sent.json());
            assertEquals("no_call_placed", sent.json().get("error").asText(), sent.json().toString());
            assertTrue(!sent.json().toString().contains("already called"), "attempt " + attempt + ": " + sent.json());
            incidents.add(sent.json().get("incidentId").asText());
        }
        assertEquals(1, incidents.size(), "one incident: " + incidents);
        assertEquals(10, stack.simulator().orElseThrow().createRequests().size() - before, "each retry tried the call again");
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = WebhookDedupEndToEndTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
