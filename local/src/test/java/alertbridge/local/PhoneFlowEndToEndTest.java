package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user-visible path, end to end over HTTP: one alert to five numbers, the simulated phone network playing each
 * callee, Twilio's signed webhooks and callbacks reaching the real handlers, and the timeline endpoint showing it all.
 */
class PhoneFlowEndToEndTest {
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
    void twoPeopleJoinVoicemailDoesNotBusyIsRecordedRejectionIsReported() {
        LocalClient.Response alert = client.alert(
                "to=+818012345601,+818012345602,+818012345693,+818012345691,+818012345696&message=Database is down");

        assertEquals(202, alert.status(), alert.json().toString());
        String id = alert.json().get("incidentId").asText();
        assertEquals(4, alert.json().get("calls").size(), alert.json().toString());
        JsonNode failed = alert.json().get("failed");
        assertEquals(1, failed.size());
        assertEquals("+818012345696", failed.get(0).get("to").asText());
        assertEquals(21215, failed.get(0).get("code").asInt());

        JsonNode timeline = eventually(() -> client.get("/incidents/" + id).json(),
                t -> LocalClient.callee(t, "+818012345693").path("callStatus").asText().equals("completed")
                        && LocalClient.callee(t, "+818012345691").path("callStatus").asText().equals("busy")
                        && t.get("onBridge").asInt() == 2,
                Duration.ofSeconds(20));

        assertEquals("Database is down", timeline.get("message").asText());
        assertEquals("open", timeline.get("status").asText());
        assertEquals(5, timeline.get("callees").size());
        for (String person : new String[]{"+818012345601", "+818012345602"}) {
            JsonNode c = LocalClient.callee(timeline, person);
            assertEquals("joined", c.get("outcome").asText(), c.toString());
            assertTrue(c.hasNonNull("answeredAt") && c.hasNonNull("joinedAt"), c.toString());
            assertTrue(c.get("leftAt").isNull(), c.toString());
        }
        JsonNode voicemail = LocalClient.callee(timeline, "+818012345693");
        assertEquals("answered, not joined", voicemail.get("outcome").asText(), voicemail.toString());
        assertTrue(voicemail.hasNonNull("answeredAt") && voicemail.get("joinedAt").isNull(), voicemail.toString());
        assertEquals("busy", LocalClient.callee(timeline, "+818012345691").get("outcome").asText());
        JsonNode refused = LocalClient.callee(timeline, "+818012345696");
        assertEquals("not placed", refused.get("outcome").asText());
        assertEquals(21215, refused.get("errorCode").asInt());
        assertTrue(refused.get("callSid").isNull());

        assertEquals(2, stack.simulator().orElseThrow().onBridge("alertbridge-" + id), "the simulated room agrees");
        JsonNode list = client.get("/incidents").json();
        assertTrue(list.get("incidents").findValuesAsText("incidentId").contains(id), list.toString());
    }

    @Test
    void everyCalleeBehaviourEndsAsTheSimulatorPlaysIt() {
        LocalClient.Response alert = client.alert(
                "to=+818012345692,+818012345694,+818012345695,+818012345697&message=Disk full");
        assertEquals(202, alert.status(), alert.json().toString());
        assertEquals(4, alert.json().get("calls").size(), "97 is throttled twice, then placed: " + alert.json());
        String id = alert.json().get("incidentId").asText();

        JsonNode timeline = eventually(() -> client.get("/incidents/" + id).json(),
                t -> LocalClient.callee(t, "+818012345692").path("callStatus").asText().equals("no-answer")
                        && LocalClient.callee(t, "+818012345694").path("callStatus").asText().equals("failed")
                        && LocalClient.callee(t, "+818012345695").hasNonNull("leftAt")
                        && LocalClient.callee(t, "+818012345697").path("outcome").asText().equals("joined")
                        && t.get("onBridge").asInt() == 1, // the conference's report, which follows the key press
                Duration.ofSeconds(20));

        assertEquals("no answer", LocalClient.callee(timeline, "+818012345692").get("outcome").asText());
        assertEquals("failed", LocalClient.callee(timeline, "+818012345694").get("outcome").asText());
        assertEquals("joined, then left", LocalClient.callee(timeline, "+818012345695").get("outcome").asText());
        assertEquals(1, timeline.get("onBridge").asInt(), timeline.toString());
    }

    @Test
    void timelineAndListingNeedTheTokenAndUnknownIdsAre404() {
        assertEquals(401, client.getWithoutToken("/incidents").status());
        assertEquals(401, client.getWithoutToken("/incidents/AAAAAAAAAAAAAAAAAAAAAA").status());
        LocalClient.Response missing = client.get("/incidents/AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(404, missing.status());
        assertEquals("unknown_incident", missing.json().get("error").asText());
        LocalClient.Response badCursor = client.get("/incidents?next=not-a-cursor");
        assertEquals(400, badCursor.status());
        assertEquals("invalid_cursor", badCursor.json().get("error").asText());
    }

    @Test
    void listingIsNewestFirstAndPaginates() {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            LocalClient.Response a = client.alert("to=+818012345694&message=page+" + i);
            order.put(a.json().get("incidentId").asText(), i);
        }
        JsonNode first = client.get("/incidents?limit=2").json();
        assertEquals(2, first.get("incidents").size());
        assertNotNull(first.get("next").textValue(), first.toString());
        JsonNode second = client.get("/incidents?limit=2&next=" + first.get("next").asText()).json();
        assertTrue(second.get("incidents").size() >= 1, second.toString());
        String newest = first.get("incidents").get(0).get("incidentId").asText();
        assertEquals(2, order.get(newest), "newest first: " + first);
        assertEquals(1, order.get(first.get("incidents").get(1).get("incidentId").asText()));
        assertEquals(0, order.get(second.get("incidents").get(0).get("incidentId").asText()));
    }

    @Test
    void aRosterInSsmPagesTheTeam() {
        LocalClient.Response alert = client.alert("team=sre&message=Roster+page");
        assertEquals(202, alert.status(), alert.json().toString());
        assertEquals(2, alert.json().get("calls").size(), "the local stack's sample roster 'sre' has two numbers: " + alert.json());
    }

}
