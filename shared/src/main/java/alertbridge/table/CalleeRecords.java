package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

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

    /** Records what happened when we asked Twilio to call {@code to} in round 1. */
    public void recordCall(String incidentId, String to, DialResult result, Instant placedAt) {
        recordCall(incidentId, to, 1, result, placedAt);
    }

    /** Records what happened when we asked Twilio to call {@code to} in {@code round} (one item per round). */
    public void recordCall(String incidentId, String to, int round, DialResult result, Instant placedAt) {
        table.put(callItem(incidentId, new Dialled(to, round, result, placedAt)));
    }

    /** One dial: whom, in which round, what Twilio said, when. */
    public record Dialled(String to, int round, DialResult result, Instant placedAt) {
    }

    /** {@link #recordCall} for many dials of one incident, in a few table requests ({@code BatchWriteItem}). */
    public void recordCalls(String incidentId, List<Dialled> dials) {
        table.putAll(dials.stream().map(d -> callItem(incidentId, d)).toList());
    }

    private Map<String, AttributeValue> callItem(String incidentId, Dialled dial) {
        String to = dial.to();
        int round = dial.round();
        DialResult result = dial.result();
        Instant placedAt = dial.placedAt();
        Map<String, AttributeValue> item = table.newItem(TableKeys.callee(incidentId, to, round), placedAt);
        item.put("to", s(to));
        item.put("round", n(round));
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
        return item;
    }

    public List<CallRecord> calls(String incidentId) {
        List<CallRecord> calls = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, TableKeys.CALLEES)) {
            calls.add(new CallRecord(
                    item.get("to").s(),
                    Optional.ofNullable(item.get("callSid")).map(AttributeValue::s),
                    item.get("callStatus").s(),
                    Optional.ofNullable(item.get("errorCode")).map(v -> Integer.parseInt(v.n())),
                    Optional.ofNullable(item.get("errorMessage")).map(AttributeValue::s),
                    Instant.parse(item.get("placedAt").s()),
                    Optional.ofNullable(item.get("round")).map(v -> Integer.parseInt(v.n())).orElse(1)));
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
        Map<String, AttributeValue> item = table.newItem(TableKeys.join(incidentId, callSid), joinedAt);
        item.put("callSid", s(callSid));
        item.put("to", s(from));
        item.put("joinedAt", s(joinedAt.toString()));
        item.put("via", s(via));
        return table.putIfAbsent(item);
    }

    public List<JoinRecord> joins(String incidentId) {
        List<JoinRecord> joins = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, TableKeys.JOINS)) {
            joins.add(new JoinRecord(item.get("callSid").s(), item.get("to").s(), Instant.parse(item.get("joinedAt").s()),
                    Optional.ofNullable(item.get("via")).map(AttributeValue::s).orElse(JoinRecord.CALL)));
        }
        return joins;
    }

    /** Records what happened when we asked Twilio to text {@code to} that the incident resolved. */
    public void recordText(String incidentId, String to, TextResult result, Instant sentAt) {
        writeText(TableKeys.text(incidentId, to), to, result, sentAt);
    }

    /**
     * Claims the one missed-call text {@code to} gets for this incident, before it is sent: of two claims (a
     * duplicate delivery, two round checks at once) exactly one wins.
     *
     * @return true if this caller should send the text now
     */
    public boolean claimMissedText(String incidentId, String to, Instant at) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.missedText(incidentId, to), at);
        item.put("to", s(to));
        item.put("sentAt", s(at.toString()));
        item.put("textStatus", s("sending"));
        return table.putIfAbsent(item);
    }

    /** Records what happened when we asked Twilio to send the missed-call text {@link #claimMissedText claimed} for {@code to}. */
    public void recordMissedText(String incidentId, String to, TextResult result, Instant sentAt) {
        writeText(TableKeys.missedText(incidentId, to), to, result, sentAt);
    }

    /** The missed-call texts of an incident: number → {@code queued}/{@code sending}/... or {@code failed (<code>)}. */
    public Map<String, String> missedTexts(String incidentId) {
        return textsUnder(incidentId, TableKeys.MISSED_TEXTS);
    }

    private void writeText(ItemKey key, String to, TextResult result, Instant sentAt) {
        Map<String, AttributeValue> item = table.newItem(key, sentAt);
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
        return textsUnder(incidentId, TableKeys.TEXTS);
    }

    private Map<String, String> textsUnder(String incidentId, String prefix) {
        Map<String, String> texts = new HashMap<>();
        for (Map<String, AttributeValue> item : table.itemsUnder(incidentId, prefix)) {
            String status = item.get("textStatus").s();
            texts.put(item.get("to").s(), item.containsKey("errorCode") ? status + " (" + item.get("errorCode").n() + ")" : status);
        }
        return texts;
    }
}
