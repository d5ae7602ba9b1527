package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert goes to Twilio with the call (its {@code Twiml}): a callee hears it and presses a key with no request to
 * {@code /join_conference} before the key press, which then reaches the handler signed and bridges them. An alert
 * whose TwiML would be too long to go inline is fetched at pick-up, as before.
 */
class AlertHeardWithoutWebhookEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
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
    void theCalleeHearsTheAlertAndJoinsWithNoWebhookBeforeTheKeyPress() {
        String id = page("+818012345611", "Database primary is down");
        TwilioSimulator sim = stack.simulator().orElseThrow();
        String callSid = callSid(id, "+818012345611");

        TwilioApiStandIn.CreateRequest created = sim.createRequests().stream()
                .filter(r -> "+818012345611".equals(r.field("To"))).findFirst().orElseThrow();
        assertEquals(null, created.field("Url"), "the TwiML goes with the call instead of a URL");
        assertTrue(created.field("Twiml").contains("Alert. Database primary is down."), created.field("Twiml"));

        List<String> heard = eventually(() -> sim.heard(callSid), h -> h.size() == 2, WAIT);
        assertEquals(List.of("Alert. Database primary is down. Press any key to join the incident bridge.",
                "Joining the incident bridge."), heard);
        List<TwilioSimulator.Webhook> joins = joinConference(callSid);
        assertEquals(1, joins.size(), "only the key press: " + joins);
        assertEquals("1", joins.getFirst().params().get("Digits"));
        assertEquals(200, joins.getFirst().status(), "signed and accepted");
        assertEquals(stack.apiUrl() + "/join_conference?incident=" + id, joins.getFirst().url());
        // the local API saw the same: no /join_conference request without a key
        List<String> bodies = stack.api().recentEvents().stream()
                .filter(e -> "/join_conference".equals(e.get("resource")))
                .map(e -> String.valueOf(e.get("body"))).filter(body -> body.contains(callSid)).toList();
        assertEquals(1, bodies.size(), bodies.toString());
        assertTrue(bodies.getFirst().contains("Digits=1"), bodies.getFirst());
        assertTrue(sim.answerToFirstWord(callSid).isPresent());
    }

    @Test
    void anAlertTooLongToGoInlineIsFetchedAtPickUpAsBefore() {
        String message = "&".repeat(1000); // 5,000 characters once escaped
        String id = page("+818012345612", message);
        TwilioSimulator sim = stack.simulator().orElseThrow();
        String callSid = callSid(id, "+818012345612");

        TwilioApiStandIn.CreateRequest created = sim.createRequests().stream()
                .filter(r -> "+818012345612".equals(r.field("To"))).findFirst().orElseThrow();
        assertEquals(null, created.field("Twiml"));
        assertEquals(stack.apiUrl() + "/join_conference?incident=" + id, created.field("Url"));

        eventually(() -> sim.heard(callSid), h -> h.size() == 2, WAIT);
        List<TwilioSimulator.Webhook> joins = joinConference(callSid);
        assertEquals(2, joins.size(), joins.toString());
        assertEquals(null, joins.get(0).params().get("Digits"), "fetched at pick-up");
        assertEquals("1", joins.get(1).params().get("Digits"));
    }

    /** Pages one number; waits until they are on the bridge. */
    private static String page(String to, String message) {
        LocalClient.Response alert = client.alert("to=" + to + "&message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
        assertEquals(202, alert.status(), alert.json().toString());
        String id = alert.json().get("incidentId").asText();
        eventually(() -> stack.simulator().orElseThrow().onBridge("alertbridge-" + id), n -> n == 1, WAIT);
        return id;
    }

    private static String callSid(String incidentId, String to) {
        return LocalClient.callee(client.get("/incidents/" + incidentId).json(), to).get("callSid").asText();
    }

    private static List<TwilioSimulator.Webhook> joinConference(String callSid) {
        return stack.simulator().orElseThrow().webhooks().stream()
                .filter(w -> w.url().contains("/join_conference") && callSid.equals(w.callSid())).toList();
    }
}
