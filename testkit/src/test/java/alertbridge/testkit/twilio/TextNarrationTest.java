package alertbridge.testkit.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every text message the simulator accepts is told to the narration, so ./local/run shows texts next to calls. */
class TextNarrationTest {
    private final RecordedNarration narration = new RecordedNarration();
    private final TwilioSimulator sim = new TwilioSimulator(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN,
            TwilioApiStandIn.AUTH_TOKEN, 0, 0.02, narration, false);
    private final TwilioRest rest = new TwilioRest(sim.baseUrl());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anAcceptedMessageIsNarratedUnderItsSidWithItsRecipientAndText() {
        TwilioRest.Answer sent = rest.sendText("+15550100101", "Incident 42: disk full on db-1. Call in: +15550100000");

        assertEquals(201, sent.status(), sent.json().toString());
        assertTrue(sent.sid().startsWith("SM"), sent.sid());
        Await.until(() -> !narration.of(sent.sid()).isEmpty(), "the text is narrated");
        assertEquals(List.of(new RecordedNarration.Step(sent.sid(), "+15550100101",
                "text: Incident 42: disk full on db-1. Call in: +15550100000")), narration.all());
        assertEquals(1, sim.messageRequests().size());
    }

    @Test
    void aRefusedMessageIsNotNarrated() {
        TwilioRest.Answer refused = rest.sendText("+15550100196", "Incident 42");
        TwilioRest.Answer empty = rest.sendText("+15550100101", "");
        TwilioRest.Answer sent = rest.sendText("+15550100101", "after the refused ones");

        assertEquals(400, refused.status());
        assertEquals("21408", refused.field("code"));
        assertEquals(400, empty.status());
        Await.until(() -> !narration.of(sent.sid()).isEmpty(), "the accepted text is narrated");
        assertEquals(List.of("text: after the refused ones"), narration.all().stream().map(RecordedNarration.Step::step).toList());
        assertEquals(3, sim.messageRequests().size(), "every request is still recorded");
    }
}
