package alertbridge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.CallRecord;
import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.Incident;
import alertbridge.incident.IncidentTimeline;
import alertbridge.incident.JoinRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private static final String A = "CA" + "a".repeat(32);
    private static final String B = "CA" + "b".repeat(32);
    private static final IncidentTimeline TIMELINE = IncidentTimeline.of(
            Incident.open("INC1", "DB <down> & out", T0, 2),
            List.of(new CallRecord("+818012345601", Optional.of(A), "queued", Optional.empty(), Optional.empty(), T0),
                    new CallRecord("+818012345602", Optional.of(B), "queued", Optional.empty(), Optional.empty(), T0)),
            List.of(new JoinRecord(A, "+818012345601", T0.plusSeconds(9))), List.of(),
            List.of(new ConferenceEvent("CF1", ConferenceEvent.START, Optional.empty(), T0.plusSeconds(10), 1),
                    new ConferenceEvent("CF1", ConferenceEvent.JOIN, Optional.of(A), T0.plusSeconds(10), 2)), Map.of());

    @Test
    void genericCarriesTheEnvelopeTheIncidentAndWhoJoinedMasked() throws Exception {
        IncidentEvent joined = IncidentEvent.joined("INC1", A, T0.plusSeconds(10));
        String body = EventPayloads.generic(joined, TIMELINE);
        JsonNode n = JSON.readTree(body);
        assertEquals("INC1.callee.joined." + A, n.get("id").asText());
        assertEquals("callee.joined", n.get("type").asText());
        assertEquals("2026-11-23T03:00:10Z", n.get("time").asText());
        assertEquals("INC1", n.at("/incident/id").asText());
        assertEquals("open", n.at("/incident/status").asText());
        assertEquals("DB <down> & out", n.at("/incident/message").asText());
        assertEquals(1, n.at("/incident/onBridge").size());
        assertEquals("call", n.at("/callee/via").asText());
        assertFalse(body.contains("+818012345601"), "numbers are masked: " + body);
        assertTrue(n.at("/callee/to").asText().endsWith("5601"));
    }

    @Test
    void escalationSaysTheRound() throws Exception {
        JsonNode n = JSON.readTree(EventPayloads.generic(IncidentEvent.escalated("INC1", 2, T0), TIMELINE));
        assertEquals("incident.escalated", n.get("type").asText());
        assertEquals(2, n.get("round").asInt());
        assertEquals("INC1.incident.escalated.2", n.get("id").asText());
    }

    @Test
    void slackHasATextFallbackAndBlocksWithEscapedMarkup() throws Exception {
        String body = EventPayloads.slack(IncidentEvent.opened("INC1", T0), TIMELINE);
        JsonNode n = JSON.readTree(body);
        assertEquals("Incident opened: DB &lt;down&gt; &amp; out", n.get("text").asText());
        assertEquals("section", n.at("/blocks/0/type").asText());
        assertEquals("context", n.at("/blocks/1/type").asText());
        assertTrue(n.at("/blocks/1/elements/0/text").asText().contains("on the bridge: +81"));
        assertFalse(body.contains("+818012345601"));
    }

    @Test
    void slackCarriesTheIncidentPageLinkWhenThereIsOne() throws Exception {
        String url = "https://x.example/Prod/ui/incidents/INC1#link=1764558000.AAAAAAAAAAAAAAAAAAAAAA";
        JsonNode n = JSON.readTree(EventPayloads.slack(IncidentEvent.opened("INC1", T0), TIMELINE, Optional.of(url)));
        assertEquals(3, n.get("blocks").size());
        assertEquals("<" + url + "|Open the live incident page> (read-only link, no token needed)",
                n.at("/blocks/2/elements/0/text").asText());
        assertEquals(2, JSON.readTree(EventPayloads.slack(IncidentEvent.opened("INC1", T0), TIMELINE)).get("blocks").size());
    }

    @Test
    void messagesRoundTripThroughTheQueueBody() {
        EventMessage m = new EventMessage(IncidentEvent.unanswered("INC1", 3, T0), "ssm:slack");
        assertEquals(Optional.of(m), EventMessage.parse(m.body()));
        assertEquals(Optional.empty(), EventMessage.parse("{\"incidentId\":\"INC1\",\"round\":1,\"step\":\"END\"}"));
    }
}
