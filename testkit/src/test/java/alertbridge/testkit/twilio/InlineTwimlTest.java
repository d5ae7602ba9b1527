package alertbridge.testkit.twilio;

import static alertbridge.testkit.twilio.OurApplication.ALERT;
import static alertbridge.testkit.twilio.OurApplication.BRIDGE;
import static alertbridge.testkit.twilio.OurApplication.JOINING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call created with its TwiML inline ({@code Twiml}) is played on answer without any request to our application;
 * the Gather's action still reaches it, signed. {@code Url} is still fetched; a create with neither is refused as
 * Twilio refuses it (21205), one with both plays the Url (Twilio's warning 32019), one over 4,000 characters is refused
 * (32018).
 */
class InlineTwimlTest {
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

    private String inline(String said) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather action=\"" + app.url("/pressed")
                + "\" method=\"POST\" numDigits=\"1\" timeout=\"5\"><Say loop=\"3\">" + said
                + "</Say></Gather><Say>Nobody pressed a key. Goodbye.</Say><Hangup/></Response>";
    }

    @Test
    void inlineTwimlIsPlayedOnAnswerWithoutAnyRequestAndTheKeyPressIsPostedSigned() {
        String sid = create("+818012345601", List.of(Map.entry("Twiml", inline("Inline: disk full &amp; more."))));
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the callee joins the bridge");

        assertEquals(List.of("Inline: disk full & more.", JOINING), sim.heard(sid));
        assertTrue(app.requests("/voice").isEmpty(), "nothing fetched at pick-up");
        OurApplication.Request pressed = app.requests("/pressed").getFirst();
        assertEquals(sid, pressed.params().get("CallSid"));
        assertEquals("1", pressed.params().get("Digits"));
        assertEquals(TwilioSigner.sign(TwilioApiStandIn.AUTH_TOKEN, pressed.url(), pressed.params()), pressed.signature());
        List<String> before = app.requests("/status").stream().map(OurApplication.Request::params)
                .filter(p -> sid.equals(p.get("CallSid"))).map(p -> p.get("CallStatus")).toList();
        assertEquals(List.of("initiated", "ringing", "in-progress"), before, "status callbacks as for any call");
        assertTrue(sim.answerToFirstWord(sid).isPresent());
    }

    @Test
    void aUrlIsStillFetchedOnAnswer() {
        String sid = create("+818012345602", List.of(Map.entry("Url", app.url("/voice"))));
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the callee joins the bridge");
        assertEquals(List.of(ALERT, JOINING), sim.heard(sid));
        assertEquals(sid, app.requests("/voice").getFirst().params().get("CallSid"));
        assertEquals("in-progress", app.requests("/voice").getFirst().params().get("CallStatus"));
    }

    @Test
    void withBothTheUrlIsPlayedAndTwilioWarns() {
        String sid = create("+818012345603", List.of(Map.entry("Url", app.url("/voice")),
                Map.entry("Twiml", inline("Never heard."))));
        Await.until(() -> sim.onBridge(BRIDGE) == 1, "the callee joins the bridge");
        assertEquals(List.of(ALERT, JOINING), sim.heard(sid));
        assertEquals(1, app.requests("/voice").size());
        assertTrue(narration.of(sid).contains("warning 32019: Twiml and Voice URL are both set. Using Voice URL."),
                narration.of(sid).toString());
    }

    @Test
    void withNeitherTheCreateIsRefusedWith21205() {
        TwilioRest.Answer refused = rest.createCall("+818012345604", List.of(), app.url("/status"), 20);
        assertEquals(400, refused.status());
        assertEquals("21205", refused.field("code"));
        assertTrue(refused.field("message").startsWith("Url parameter is required"), refused.field("message"));
        refused = rest.createCall("+818012345604", List.of(Map.entry("Url", ""), Map.entry("Twiml", " ")), app.url("/status"), 20);
        assertEquals("21205", refused.field("code"), "blank counts as missing");
    }

    @Test
    void inlineTwimlOver4000CharactersIsRefusedWith32018() {
        String atLimit = inline("x".repeat(TwilioApiStandIn.MAX_TWIML_CHARS - inline("").length()));
        assertEquals(TwilioApiStandIn.MAX_TWIML_CHARS, atLimit.length());
        assertEquals(201, rest.createCall("+818012345605", List.of(Map.entry("Twiml", atLimit)), app.url("/status"), 20).status());
        TwilioRest.Answer refused = rest.createCall("+818012345606",
                List.of(Map.entry("Twiml", atLimit.replace("<Say>", "<Say> "))), app.url("/status"), 20);
        assertEquals(400, refused.status());
        assertEquals("32018", refused.field("code"));
    }

    @Test
    void aRelativeActionInInlineTwimlIsAnApplicationError() {
        String sid = create("+818012345607", List.of(Map.entry("Twiml",
                "<Response><Gather action=\"/pressed\" numDigits=\"1\"><Say>Relative.</Say></Gather></Response>")));
        Await.until(() -> sim.finishedCalls().containsKey(sid), "the call ends");
        assertEquals(List.of(), sim.heard(sid), "the Gather is not played: its action cannot be reached");
        assertTrue(app.requests("/pressed").isEmpty());
        assertTrue(narration.of(sid).contains("application error (no absolute action URL in inline TwiML)"), narration.of(sid).toString());
        assertEquals(Optional.of("completed"), Optional.ofNullable(sim.finishedCalls().get(sid)).map(TwilioSimulator.SimulatedCall::finalStatus));
    }

    private String create(String to, List<Map.Entry<String, String>> answer) {
        TwilioRest.Answer created = rest.createCall(to, answer, app.url("/status"), 20);
        assertEquals(201, created.status(), created.json().toString());
        return created.sid();
    }
}
