package alertbridge.testkit.twilio;

import static alertbridge.testkit.twilio.OurApplication.BRIDGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hanging up a call through the REST API, as with Twilio's "update a call" ({@code POST .../Calls/{CallSid}.json},
 * {@code Status=canceled|completed}): what the API answers, and what becomes of the call on the phone network.
 */
class HangUpThroughRestTest {
    private final OurApplication app = new OurApplication();
    private final RecordedNarration narration = new RecordedNarration();
    private final TwilioSimulator sim = new TwilioSimulator(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN,
            TwilioApiStandIn.AUTH_TOKEN, 0, 0.02, narration, false);
    private final TwilioRest rest = new TwilioRest(sim.baseUrl());

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    @Test
    void canceledStopsARingingCallAtOnceAndItEndsCanceled() {
        String sid = call("+15550100192", 600); // would ring 12 s at this speed
        Await.until(() -> app.callStatuses(sid).contains("ringing"), "the call rings");

        long start = System.nanoTime();
        TwilioRest.Answer canceled = rest.updateCall(sid, "canceled");
        assertEquals(200, canceled.status(), canceled.json().toString());
        assertEquals(sid, canceled.sid());
        assertEquals("canceled", canceled.field("status"));
        assertEquals("outbound-api", canceled.field("direction"));
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");
        long endedAfterMillis = (System.nanoTime() - start) / 1_000_000;

        TwilioSimulator.SimulatedCall ended = sim.finishedCalls().get(sid);
        assertEquals("canceled", ended.finalStatus());
        assertFalse(ended.answered());
        assertTrue(endedAfterMillis < 2000, "stopped ringing at once, not after " + endedAfterMillis + " ms");
        assertEquals(List.of("initiated", "ringing", "canceled"), app.callStatuses(sid));
        Map<String, String> completedEvent = app.statusCallbacks(sid).getLast();
        assertEquals("0", completedEvent.get("CallDuration"), "the completed event, as Twilio sends it: " + completedEvent);
        assertEquals(List.of("ringing", "cancelled"), narration.of(sid));
        assertTrue(app.requests("/voice").isEmpty(), "no TwiML fetched for a call nobody answered");

        List<TwilioApiStandIn.CreateRequest> updates = sim.updateRequests();
        assertEquals(1, updates.size());
        assertEquals("/2010-04-01/Accounts/" + TwilioApiStandIn.ACCOUNT_SID + "/Calls/" + sid + ".json", updates.getFirst().path());
        assertEquals("canceled", updates.getFirst().field("Status"));
        assertTrue(updates.getFirst().authorization().startsWith("Basic "));
    }

    @Test
    void aCallThatHasEndedCannotBeUpdated() {
        String sid = call("+15550100191", 60); // busy
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends busy");

        for (String status : List.of("canceled", "completed")) {
            TwilioRest.Answer refused = rest.updateCall(sid, status);
            assertEquals(400, refused.status(), status);
            assertEquals("21220", refused.field("code"));
            assertEquals("Call is not in-progress. Cannot redirect.", refused.field("message"));
        }
        assertEquals("busy", sim.finishedCalls().get(sid).finalStatus());
        assertEquals(2, sim.updateRequests().size());
    }

    @Test
    void completedHangsUpARingingCallWhichEndsCanceled() {
        // slower, so the callee (who answers after 8 s) surely still rings when the hang-up arrives: 1.6 s
        try (TwilioSimulator slower = new TwilioSimulator(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN,
                TwilioApiStandIn.AUTH_TOKEN, 0, 0.2, narration, false)) {
            TwilioRest slowerRest = new TwilioRest(slower.baseUrl());
            String sid = slowerRest.createCall("+15550100198", app.url("/voice"), app.url("/status"), 60).sid();
            Await.until(() -> app.callStatuses(sid).contains("ringing"), "the call rings");

            TwilioRest.Answer hungUp = slowerRest.updateCall(sid, "completed");
            assertEquals(200, hungUp.status());
            assertEquals("canceled", hungUp.field("status"), "not answered yet");
            Await.until(() -> slower.finishedCalls().containsKey(sid), "the call ends");
            assertEquals("canceled", slower.finishedCalls().get(sid).finalStatus());
            assertEquals(List.of("initiated", "ringing", "canceled"), app.callStatuses(sid));
            assertTrue(app.requests("/voice").isEmpty());
        }
    }

    @Test
    void canceledLeavesAnAnsweredCallAsItIsAndCompletedHangsItUp() {
        String sid = call("+15550100101", 60);
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the callee answers and joins the bridge");

        TwilioRest.Answer notAffected = rest.updateCall(sid, "canceled");
        assertEquals(200, notAffected.status(), notAffected.json().toString());
        assertEquals("in-progress", notAffected.field("status"));
        assertEquals(1, sim.onBridge(BRIDGE), "still on the bridge");
        assertFalse(sim.finishedCalls().containsKey(sid));

        TwilioRest.Answer hungUp = rest.updateCall(sid, "completed");
        assertEquals(200, hungUp.status());
        assertEquals("completed", hungUp.field("status"));
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");

        TwilioSimulator.SimulatedCall ended = sim.finishedCalls().get(sid);
        assertEquals("completed", ended.finalStatus());
        assertTrue(ended.answered() && ended.pressedKey() && ended.joinedBridge(), ended.toString());
        assertEquals(0, sim.onBridge(BRIDGE), "left the bridge");
        assertEquals(List.of("initiated", "ringing", "in-progress", "completed"), app.callStatuses(sid));
        List<String> steps = narration.of(sid);
        assertEquals(List.of("left bridge (0 on bridge)", "hung up through the REST API"), steps.subList(steps.size() - 2, steps.size()));
        assertEquals(2, sim.updateRequests().size());
    }

    @Test
    void anUnknownCallAWrongPasswordAndARedirectAreRefusedAsTwilioWould() {
        String sid = call("+15550100192", 600);

        TwilioRest.Answer unknown = rest.updateCall("CA" + "f".repeat(32), "canceled");
        assertEquals(404, unknown.status());
        assertEquals("20404", unknown.field("code"));

        TwilioRest.Answer impostor = new TwilioRest(sim.baseUrl(), TwilioApiStandIn.ACCOUNT_SID, "wrong-token")
                .updateCall(sid, "canceled");
        assertEquals(401, impostor.status());
        assertEquals("20003", impostor.field("code"));

        TwilioRest.Answer redirect = rest.post("Calls/" + sid + ".json", List.of(Map.entry("Url", app.url("/goodbye"))));
        assertEquals(400, redirect.status());
        assertEquals("20001", redirect.field("code"));

        assertEquals(2, sim.updateRequests().size(), "authenticated requests are recorded, whatever their answer");
        assertFalse(sim.finishedCalls().containsKey(sid), "the call still rings");
    }

    @Test
    void theStandInAloneCancelsAQueuedCall() {
        try (TwilioApiStandIn api = new TwilioApiStandIn()) {
            TwilioRest alone = new TwilioRest(api.baseUrl());
            String sid = alone.createCall("+15550100101", app.url("/voice"), app.url("/status"), 60).sid();

            TwilioRest.Answer canceled = alone.updateCall(sid, "canceled");
            assertEquals(200, canceled.status());
            assertEquals("canceled", canceled.field("status"));
            assertEquals("canceled", alone.updateCall(sid, "completed").field("status"), "the same answer again");
            assertEquals(2, api.updateRequests().size());
            assertEquals(1, api.requests().size(), "updates are not create requests");
        }
    }

    private String call(String to, int timeoutSeconds) {
        TwilioRest.Answer created = rest.createCall(to, app.url("/voice"), app.url("/status"), timeoutSeconds);
        assertEquals(201, created.status(), created.json().toString());
        return created.sid();
    }
}
