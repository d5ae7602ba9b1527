package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Twilio's callbacks (EVENT#CALL#, EVENT#CONF#) against moto (the local AWS), with the table from template.yaml. */
class CallbackEventsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentStore store = SampleConfig.store(aws);
    private static final CallbackEvents events = store.events();

    private static String incident() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "m", T0, 1));
        return id;
    }

    private static Map<String, AttributeValue> item(String id, String sk) {
        return aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("INCIDENT#" + id), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void eachCallStatusIsRecordedOnceWhateverTheRedeliveries() {
        String id = incident();
        CallEvent ringing = new CallEvent("CA1", "+15005550001", "ringing", T0.plusSeconds(1), 1, Optional.empty());
        CallEvent completed = new CallEvent("CA1", "+15005550001", "completed", T0.plusSeconds(30), 3, Optional.of(25));
        assertTrue(events.recordCallEvent(id, completed));
        assertTrue(events.recordCallEvent(id, ringing));
        assertFalse(events.recordCallEvent(id, ringing), "Twilio's retry");
        assertEquals(List.of(ringing, completed), events.callEvents(id));
        assertEquals("call_event", item(id, "EVENT#CALL#CA1#000003").get("type").s());

        CallEvent unnumbered = new CallEvent("CA2", "+15005550002", "busy", T0.plusSeconds(2), -1, Optional.empty());
        assertTrue(events.recordCallEvent(id, unnumbered));
        assertFalse(events.recordCallEvent(id, unnumbered));
        assertFalse(item(id, "EVENT#CALL#CA2#t" + T0.plusSeconds(2).toEpochMilli() + "#busy").isEmpty());
        assertEquals(3, events.callEvents(id).size());
        assertEquals(List.of(), events.conferenceEvents(id), "calls are not conference events");
    }

    @Test
    void eachConferenceEventIsRecordedOnceWhateverTheRedeliveries() {
        String id = incident();
        ConferenceEvent start = new ConferenceEvent("CF1", ConferenceEvent.START, Optional.empty(), T0.plusSeconds(9), 1);
        ConferenceEvent join = new ConferenceEvent("CF1", ConferenceEvent.JOIN, Optional.of("CA1"), T0.plusSeconds(9), 2);
        assertTrue(events.recordConferenceEvent(id, start));
        assertTrue(events.recordConferenceEvent(id, join));
        assertFalse(events.recordConferenceEvent(id, join), "Twilio's retry");
        assertEquals(List.of(start, join), events.conferenceEvents(id));
        assertEquals("conference_event", item(id, "EVENT#CONF#CF1#000002").get("type").s());

        ConferenceEvent unnumbered = new ConferenceEvent("CF1", ConferenceEvent.LEAVE, Optional.of("CA1"), T0.plusSeconds(20), -1);
        assertTrue(events.recordConferenceEvent(id, unnumbered));
        assertFalse(events.recordConferenceEvent(id, unnumbered));
        assertFalse(item(id, "EVENT#CONF#CF1#t" + T0.plusSeconds(20).toEpochMilli() + "#participant-leave#CA1").isEmpty());
        assertEquals(List.of(), events.callEvents(id), "conference events are not call events");
    }
}
