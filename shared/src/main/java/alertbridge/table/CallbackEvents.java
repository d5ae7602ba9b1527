package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Twilio's callbacks about an incident's calls ({@code EVENT#CALL#...}) and its bridge ({@code EVENT#CONF#...}), each
 * stored as its own item keyed by call (or conference) and SequenceNumber: the same callback delivered twice (Twilio
 * retries) changes nothing, and the order they arrive in does not matter.
 */
public final class CallbackEvents {
    private final IncidentTable table;

    CallbackEvents(IncidentTable table) {
        this.table = table;
    }

    /** @return true if recorded now, false if this callback was already recorded */
    public boolean recordCallEvent(String incidentId, CallEvent event) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.callEvent(incidentId, event), event.at());
        item.put("callSid", s(event.callSid()));
        item.put("to", s(event.to()));
        item.put("callStatus", s(event.callStatus()));
        item.put("at", s(event.at().toString()));
        item.put("sequence", n(event.sequence()));
        event.durationSeconds().ifPresent(d -> item.put("duration", n(d)));
        return table.putIfAbsent(item);
    }

    /** @return true if recorded now, false if this callback was already recorded */
    public boolean recordConferenceEvent(String incidentId, ConferenceEvent event) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.conferenceEvent(incidentId, event), event.at());
        item.put("conferenceSid", s(event.conferenceSid()));
        item.put("event", s(event.event()));
        event.callSid().ifPresent(sid -> item.put("callSid", s(sid)));
        item.put("at", s(event.at().toString()));
        item.put("sequence", n(event.sequence()));
        return table.putIfAbsent(item);
    }

    public List<CallEvent> callEvents(String incidentId) {
        List<CallEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, TableKeys.CALL_EVENTS)) {
            events.add(new CallEvent(item.get("callSid").s(), item.get("to").s(), item.get("callStatus").s(),
                    Instant.parse(item.get("at").s()), Integer.parseInt(item.get("sequence").n()),
                    Optional.ofNullable(item.get("duration")).map(v -> Integer.parseInt(v.n()))));
        }
        return events;
    }

    public List<ConferenceEvent> conferenceEvents(String incidentId) {
        List<ConferenceEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, TableKeys.CONFERENCE_EVENTS)) {
            events.add(new ConferenceEvent(item.get("conferenceSid").s(), item.get("event").s(),
                    Optional.ofNullable(item.get("callSid")).map(AttributeValue::s),
                    Instant.parse(item.get("at").s()), Integer.parseInt(item.get("sequence").n())));
        }
        return events;
    }
}
