package alertbridge.testkit.twilio;

import static alertbridge.testkit.twilio.OurApplication.ALERT;
import static alertbridge.testkit.twilio.OurApplication.BRIDGE;
import static alertbridge.testkit.twilio.OurApplication.JOINING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A number ending 88 is someone who misses the first call and answers when called again: driven over real HTTP, the
 * REST API on one side and our application's webhooks on the other.
 */
class MissesFirstCallTest {
    private static final double SPEED = 0.02;
    private static final int TIMEOUT_SECONDS = 20;

    private final OurApplication app = new OurApplication();
    private final TwilioSimulator sim = new TwilioSimulator(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN,
            TwilioApiStandIn.AUTH_TOKEN, 0, SPEED, CallNarration.SILENT, false);
    private final TwilioRest rest = new TwilioRest(sim.baseUrl());

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    @Test
    void theFirstCallRingsUntilItsTimeoutUnansweredAndTheNextIsAnsweredAndJoinsTheBridge() {
        String number = "+81355500188";
        long start = System.nanoTime();
        String first = call(number);
        Await.until(() -> sim.finishedCalls().containsKey(first), "the first call ends");
        long rangMillis = (System.nanoTime() - start) / 1_000_000;

        TwilioSimulator.SimulatedCall missed = sim.finishedCalls().get(first);
        assertEquals("no-answer", missed.finalStatus());
        assertFalse(missed.answered());
        assertTrue(rangMillis >= TIMEOUT_SECONDS * 1000 * SPEED, "rang its whole Timeout, not " + rangMillis + " ms");
        assertEquals(List.of("initiated", "ringing", "no-answer"), app.callStatuses(first));
        assertTrue(app.requests("/voice").isEmpty(), "no TwiML fetched for a call nobody answered");

        String second = call(number);
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the second call joins the bridge");
        assertEquals(List.of("initiated", "ringing", "in-progress"), app.callStatuses(second));
        assertEquals(second, app.requests("/pressed").getFirst().params().get("CallSid"));
        assertEquals("1", app.requests("/pressed").getFirst().params().get("Digits"));
        assertEquals(List.of(ALERT, JOINING), sim.heard(second));

        String third = call(number);
        Await.until(() -> sim.onBridge(BRIDGE) == 2, "a third call is answered too");
        assertEquals(List.of("initiated", "ringing", "in-progress"), app.callStatuses(third));
    }

    @Test
    void theCountIsPerNumberAndOtherNumbersAreUnaffected() {
        String a = call("+15550100188");
        Await.until(() -> sim.finishedCalls().containsKey(a), "the first call to one 88 number ends");
        String b = call("+15550200188");
        Await.until(() -> sim.finishedCalls().containsKey(b), "the first call to another 88 number ends");
        assertEquals("no-answer", sim.finishedCalls().get(b).finalStatus(), "another number's first call is missed too");

        String person = call("+15550100101");
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "a number ending 01 answers its first call");
        assertEquals(List.of("initiated", "ringing", "in-progress"), app.callStatuses(person));
    }

    @Test
    void twoFirstCallsPlacedAtOnceToTheSameNumberAreMissedOnlyOnce() throws Exception {
        String number = "+15550300188";
        List<String> sids;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> one = pool.submit(() -> call(number));
            Future<String> two = pool.submit(() -> call(number));
            sids = List.of(one.get(), two.get());
        }
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "one of them is answered");
        Await.until(() -> sids.stream().anyMatch(sid -> sim.finishedCalls().containsKey(sid)), "the other is missed");
        List<String> missed = sids.stream().filter(sid -> sim.finishedCalls().containsKey(sid)).toList();
        assertEquals(1, missed.size(), sim.finishedCalls().toString());
        assertEquals("no-answer", sim.finishedCalls().get(missed.getFirst()).finalStatus());
    }

    private String call(String to) {
        TwilioRest.Answer created = rest.createCall(to, app.url("/voice"), app.url("/status"), TIMEOUT_SECONDS);
        assertEquals(201, created.status(), created.json().toString());
        return created.sid();
    }
}
