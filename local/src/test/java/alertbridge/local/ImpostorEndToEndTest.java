package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.table.IncidentStore;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A "Twilio" that signs with an auth token other than ours: every webhook is refused and nobody joins. */
class ImpostorEndToEndTest {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.05).withWebhookSigningToken("not-our-twilio-auth-token"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyWebhookGets403AndNothingIsRecorded() {
        LocalClient client = new LocalClient(stack);
        LocalClient.Response alert = client.alert("to=+818012345601,+818012345602,+818012345695&message=Forged");
        assertEquals(202, alert.status());
        String id = alert.json().get("incidentId").asText();
        TwilioSimulator sim = stack.simulator().orElseThrow();

        eventually(sim::finishedCalls, calls -> calls.size() == 3, Duration.ofSeconds(20));

        List<TwilioSimulator.Webhook> webhooks = sim.webhooks();
        assertFalse(webhooks.isEmpty());
        assertTrue(webhooks.stream().anyMatch(w -> w.url().contains("/join_conference")));
        assertTrue(webhooks.stream().anyMatch(w -> w.url().contains("/call_status")));
        for (TwilioSimulator.Webhook w : webhooks) {
            assertEquals(403, w.status(), w.url());
        }
        sim.finishedCalls().values().forEach(c -> assertFalse(c.joinedBridge(), c.toString()));

        IncidentStore store = new IncidentStore(stack.dynamo(), stack.tableName(), Duration.ofDays(1), java.util.Optional.empty());
        assertEquals(0, store.callees().joins(id).size());
        assertEquals(0, store.events().callEvents(id).size());
        assertEquals(0, store.events().conferenceEvents(id).size());
        JsonNode timeline = client.get("/incidents/" + id).json();
        assertEquals(0, timeline.get("onBridge").asInt());
        for (JsonNode c : timeline.get("callees")) {
            assertEquals("queued", c.get("callStatus").asText(), "no report was believed: " + c);
        }
    }
}
