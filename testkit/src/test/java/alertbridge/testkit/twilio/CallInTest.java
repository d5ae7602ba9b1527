package alertbridge.testkit.twilio;

import static alertbridge.testkit.twilio.OurApplication.ALERT;
import static alertbridge.testkit.twilio.OurApplication.BRIDGE;
import static alertbridge.testkit.twilio.OurApplication.JOINING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Someone dialling our Twilio number ({@link TwilioSimulator#callIn}): the voice webhook as Twilio sends it for an
 * incoming call, our TwiML played to the caller, and the call hung up like any other.
 */
class CallInTest {
    private static final String CALLER = "+81355501234";

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
    void theCallerIsAnsweredWithOurTwimlPressesOneAndStaysOnTheBridgeUntilHungUp() {
        String sid = sim.callIn(CALLER, TwilioRest.OUR_NUMBER, app.url("/voice"));
        assertTrue(sid.matches("CA[0-9a-f]{32}"), sid);
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the caller joins the bridge");

        OurApplication.Request voice = app.requests("/voice").getFirst();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("AccountSid", TwilioApiStandIn.ACCOUNT_SID);
        expected.put("ApiVersion", "2010-04-01");
        expected.put("CallSid", sid);
        expected.put("CallStatus", "ringing");
        expected.put("Called", TwilioRest.OUR_NUMBER);
        expected.put("Caller", CALLER);
        expected.put("Direction", "inbound");
        expected.put("From", CALLER);
        expected.put("To", TwilioRest.OUR_NUMBER);
        assertEquals(expected, voice.params());
        assertSigned(voice);

        OurApplication.Request pressed = app.requests("/pressed").getFirst();
        assertEquals("1", pressed.params().get("Digits"));
        assertEquals("in-progress", pressed.params().get("CallStatus"));
        assertEquals("inbound", pressed.params().get("Direction"));
        assertEquals(CALLER, pressed.params().get("From"));
        assertSigned(pressed);

        assertEquals(List.of(ALERT, JOINING), sim.heard(sid));
        assertEquals(List.of("dialled in", "pressed 1", "joined bridge (1 on bridge)"), narration.of(sid));
        assertTrue(narration.all().stream().allMatch(s -> s.to().equals(CALLER)), "narrated under the caller's number");
        assertTrue(app.requests("/status").isEmpty(), "no status callbacks: none was asked for");
        assertFalse(sim.finishedCalls().containsKey(sid), "still on the bridge");

        TwilioRest.Answer hungUp = rest.updateCall(sid, "completed");
        assertEquals(200, hungUp.status(), hungUp.json().toString());
        assertEquals("completed", hungUp.field("status"));
        assertEquals("inbound", hungUp.field("direction"));
        assertEquals(CALLER, hungUp.field("from"));
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");

        TwilioSimulator.SimulatedCall ended = sim.finishedCalls().get(sid);
        assertEquals(new TwilioSimulator.SimulatedCall(sid, TwilioRest.OUR_NUMBER, "completed", true, true, true,
                List.of(ALERT, JOINING), CALLER, "inbound"), ended);
        assertEquals(0, sim.onBridge(BRIDGE));
        assertEquals("hung up through the REST API", narration.of(sid).getLast());
    }

    @Test
    void aCallerJoinsTheSameBridgeAsACalleeWeCalled() {
        TwilioRest.Answer placed = rest.createCall("+15550100101", app.url("/voice"), app.url("/status"), 60);
        assertEquals(201, placed.status());
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the callee joins");

        String sid = sim.callIn(CALLER, TwilioRest.OUR_NUMBER, app.url("/voice"));
        Await.until(() -> sim.onBridge(BRIDGE) == 2, "the caller joins too");
        assertEquals("joined bridge (2 on bridge)", narration.of(sid).getLast());
        assertEquals("outbound-api", app.requests("/voice").getFirst().params().get("Direction"));
        assertEquals("inbound", app.requests("/voice").getLast().params().get("Direction"));
    }

    @Test
    void aHangupEndsTheCallAfterWhatWasSaidBeforeIt() {
        String sid = sim.callIn(CALLER, TwilioRest.OUR_NUMBER, app.url("/goodbye"));
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");

        TwilioSimulator.SimulatedCall ended = sim.finishedCalls().get(sid);
        assertEquals("completed", ended.finalStatus());
        assertEquals("inbound", ended.direction());
        assertEquals(List.of("Nothing to join. Goodbye."), ended.heard());
        assertFalse(ended.pressedKey() || ended.joinedBridge(), ended.toString());
        assertEquals(List.of("dialled in", "hung up"), narration.of(sid));
        assertEquals(400, rest.updateCall(sid, "completed").status(), "an ended call cannot be hung up");
    }

    @Test
    void anAnswerThatIsNotTwimlIsAnApplicationErrorAndTheCallEnds() {
        String sid = sim.callIn(CALLER, TwilioRest.OUR_NUMBER, app.url("/status")); // answers 204, no TwiML
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");

        assertEquals("completed", sim.finishedCalls().get(sid).finalStatus());
        assertEquals(List.of("dialled in", "application error (not TwiML)", "hung up"), narration.of(sid));
    }

    @Test
    void noOneCanCallInOnceTheSimulatorIsClosed() {
        sim.close();
        assertThrows(IllegalStateException.class, () -> sim.callIn(CALLER, TwilioRest.OUR_NUMBER, app.url("/voice")));
    }

    private static void assertSigned(OurApplication.Request request) {
        assertEquals(TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, request.url(), request.params()), request.signature(),
                "X-Twilio-Signature of " + request.path());
    }
}
