package alertbridge.table;

import static alertbridge.table.IncidentTable.n;
import static alertbridge.table.IncidentTable.s;

import alertbridge.calls.DialResult;
import alertbridge.calls.TextResult;
import alertbridge.incident.CallRecord;
import alertbridge.incident.JoinRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What happened with each callee of an incident, as we saw it: the call we asked Twilio for ({@code CALLEE#<e164>}),
 * the key press that sent it into the bridge ({@code JOIN#<callSid>}), the "resolved" text ({@code TEXT#<e164>}).
 */
public final class CalleeRecords {
    private final IncidentTable table;

    CalleeRecords(IncidentTable table) {
        this.table = table;
    }

    /** Records what happened when we asked Twilio to call {@code to}. */
    public void recordCall(String incidentId, String to, DialResult result, Instant placedAt) {
        Map<String, AttributeValue> item = table.newItem(IncidentTable.callee(incidentId, to), placedAt);
        item.put("to", s(to));
        item.put("placedAt", s(placedAt.toString()));
        switch (result) {
            case DialResult.Placed placed -> {
                item.put("callSid", s(placed.callSid()));
                item.put("callStatus", s(placed.status()));
            }
            case DialResult.Failed failed -> {
                item.put("callStatus", s("failed"));
                item.put("errorCode", n(failed.code()));
                item.put("errorMessage", s(failed.message()));
            }
        }
        table.put(item);
    }

    public List<CallRecord> calls(String incidentId) {
        List<CallRecord> calls = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, IncidentTable.CALLEES)) {
            calls.add(new CallRecord(
                    item.get("to").s(),
                    Optional.ofNullable(item.get("callSid")).map(AttributeValue::s),
                    item.get("callStatus").s(),
                    Optional.ofNullable(item.get("errorCode")).map(v -> Integer.parseInt(v.n())),
                    Optional.ofNullable(item.get("errorMessage")).map(AttributeValue::s),
                    Instant.parse(item.get("placedAt").s())));
        }
        return calls;
    }

    /**
     * Records that a call joined the bridge. Conditional on the call not having joined before, so a replayed
     * or retried webhook adds no second row.
     *
     * @return true if this call's join was recorded now, false if it was already recorded
     */
    public boolean recordJoin(String incidentId, String callSid, String to, Instant joinedAt) {
        return recordJoin(incidentId, callSid, to, joinedAt, JoinRecord.CALL);
    }

    /**
     * Records that a call joined the bridge, and how it came to us: {@link JoinRecord#CALL} (a callee we phoned) or
     * {@link JoinRecord#CALL_IN} (someone who dialled our number). Conditional like the above.
     *
     * @param from the callee's number, or the caller's for a dial-in (kept as {@code to})
     * @return true if this call's join was recorded now, false if it was already recorded
     */
    public boolean recordJoin(String incidentId, String callSid, String from, Instant joinedAt, String via) {
        Map<String, AttributeValue> item = table.newItem(IncidentTable.join(incidentId, callSid), joinedAt);
        item.put("callSid", s(callSid));
        item.put("to", s(from));
        item.put("joinedAt", s(joinedAt.toString()));
        item.put("via", s(via));
        return table.putIfAbsent(item);
    }

    public List<JoinRecord> joins(String incidentId) {
        List<JoinRecord> joins = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, IncidentTable.JOINS)) {
            joins.add(new JoinRecord(item.get("callSid").s(), item.get("to").s(), Instant.parse(item.get("joinedAt").s()),
                    Optional.ofNullable(item.get("via")).map(AttributeValue::s).orElse(JoinRecord.CALL)));
        }
        return joins;
    }

    /** Records what happened when we asked Twilio to text {@code to} that the incident resolved. */
    public void recordText(String incidentId, String to, TextResult result, Instant sentAt) {
        Map<String, AttributeValue> item = table.newItem(IncidentTable.text(incidentId, to), sentAt);
        item.put("to", s(to));
        item.put("sentAt", s(sentAt.toString()));
        switch (result) {
            case TextResult.Sent sent -> {
                item.put("messageSid", s(sent.messageSid()));
                item.put("textStatus", s(sent.status()));
            }
            case TextResult.Failed failed -> {
                item.put("textStatus", s("failed"));
                item.put("errorCode", n(failed.code()));
            }
        }
        table.put(item);
    }

    /** The resolved texts of an incident: number → {@code queued}/{@code sent}/... or {@code failed (<code>)}. */
    public Map<String, String> texts(String incidentId) {
        Map<String, String> texts = new HashMap<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, IncidentTable.TEXTS)) {
            String status = item.get("textStatus").s();
            texts.put(item.get("to").s(), item.containsKey("errorCode") ? status + " (" + item.get("errorCode").n() + ")" : status);
        }
        return texts;
    }
}
