package alertbridge.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who was called, who answered, who joined the bridge and when: one incident as people want to read it.
 * Pure: assembled from the records in the table, in any order they arrived.
 *
 * @param onBridge   how many callees are on the bridge now (joined and not yet left)
 * @param resolvedAt when a resolve closed the incident (status {@code resolved})
 * @param resolvedBy what closed it: the tool and its state, e.g. {@code alertmanager:resolved}, {@code cloudwatch:OK}
 */
public record IncidentTimeline(String incidentId, String message, String status, Instant createdAt,
                               Optional<Instant> resolvedAt, Optional<String> resolvedBy, String conference,
                               int onBridge, List<Callee> callees) {

    /**
     * One callee.
     *
     * @param callSid    empty when Twilio refused to place the call
     * @param callStatus the latest status Twilio reported (or {@code queued} / {@code failed} from the create request)
     * @param outcome    in words: joined, left the bridge, answered, not joined, busy, no answer, failed, ringing, ...
     * @param joinedAt   when the callee entered the bridge (conference participant-join, else the key press)
     * @param resolvedText the "resolved" SMS to this callee: Twilio's status ({@code queued}) or {@code failed (<code>)}
     */
    public record Callee(String to, Optional<String> callSid, String callStatus, String outcome,
                         Optional<Instant> answeredAt, Optional<Instant> joinedAt, Optional<Instant> leftAt,
                         Optional<Integer> durationSeconds, Optional<Integer> errorCode, Optional<String> resolvedText) {
    }

    /** @param texts the resolved texts by number ({@link alertbridge.table.CalleeRecords#texts}) */
    public static IncidentTimeline of(Incident incident, List<CallRecord> calls, List<JoinRecord> joins,
                                      List<CallEvent> callEvents, List<ConferenceEvent> conferenceEvents,
                                      Map<String, String> texts) {
        Map<String, List<CallEvent>> eventsByCall = new HashMap<>();
        for (CallEvent e : callEvents) {
            eventsByCall.computeIfAbsent(e.callSid(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Instant> keyPressAt = new HashMap<>();
        for (JoinRecord j : joins) {
            keyPressAt.put(j.callSid(), j.joinedAt());
        }
        Bridge bridge = Bridge.replay(conferenceEvents);

        List<Callee> callees = new ArrayList<>();
        for (CallRecord call : calls.stream().sorted(Comparator.comparing(CallRecord::placedAt).thenComparing(CallRecord::to)).toList()) {
            if (call.callSid().isEmpty()) {
                callees.add(new Callee(call.to(), Optional.empty(), call.status(), "not placed", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), call.errorCode(), Optional.empty()));
                continue;
            }
            String sid = call.callSid().get();
            List<CallEvent> events = eventsByCall.getOrDefault(sid, List.of()).stream()
                    .sorted(Comparator.comparingInt(CallEvent::sequence).thenComparing(CallEvent::at))
                    .toList();
            String status = events.isEmpty() ? call.status() : events.getLast().callStatus();
            Optional<Instant> answeredAt = events.stream().filter(e -> e.callStatus().equals("in-progress"))
                    .map(CallEvent::at).findFirst();
            Optional<Integer> duration = events.stream().map(CallEvent::durationSeconds).flatMap(Optional::stream)
                    .reduce((a, b) -> b);
            Optional<Instant> joinedAt = bridge.firstJoin(sid).or(() -> Optional.ofNullable(keyPressAt.get(sid)));
            Optional<Instant> leftAt = bridge.lastLeave(sid).filter(left -> joinedAt.isPresent() && !bridge.on().contains(sid));
            if (answeredAt.isEmpty() && joinedAt.isPresent()) {
                answeredAt = joinedAt; // the status callback may still be on its way; a join means they answered
            }
            boolean ended = CallEvent.FINAL_STATUSES.contains(status);
            callees.add(new Callee(call.to(), call.callSid(), status,
                    outcome(status, answeredAt.isPresent(), joinedAt.isPresent(), bridge.isOn(sid, ended)),
                    answeredAt, joinedAt, leftAt, duration, call.errorCode(), Optional.ofNullable(texts.get(call.to()))));
        }
        return new IncidentTimeline(incident.id(), incident.message(), incident.status(), incident.createdAt(),
                incident.resolvedAt(), incident.resolvedBy(), incident.conferenceName(), bridge.onBridge(), callees);
    }

    private static String outcome(String status, boolean answered, boolean joined, boolean onBridge) {
        if (joined) {
            return onBridge ? "joined" : "joined, then left";
        }
        if (answered) {
            return "answered, not joined";
        }
        return switch (status) {
            case "busy" -> "busy";
            case "no-answer" -> "no answer";
            case "failed" -> "failed";
            case "canceled" -> "canceled";
            case "ringing" -> "ringing";
            case "completed" -> "ended";
            default -> "calling";
        };
    }

    /** The conference replayed in order: who joined when, who left when, who is on now. */
    private record Bridge(Map<String, Instant> firstJoins, Map<String, Instant> lastLeaves, Set<String> on) {
        static Bridge replay(List<ConferenceEvent> events) {
            // Sequence numbers count per conference; a room that ended and restarted is a new conference.
            Map<String, Instant> conferenceStart = new HashMap<>();
            for (ConferenceEvent e : events) {
                conferenceStart.merge(e.conferenceSid(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
            List<ConferenceEvent> ordered = events.stream()
                    .sorted(Comparator.<ConferenceEvent, Instant>comparing(e -> conferenceStart.get(e.conferenceSid()))
                            .thenComparing(ConferenceEvent::conferenceSid)
                            .thenComparingInt(ConferenceEvent::sequence)
                            .thenComparing(ConferenceEvent::at))
                    .toList();
            Map<String, Instant> firstJoins = new HashMap<>();
            Map<String, Instant> lastLeaves = new HashMap<>();
            Set<String> on = new LinkedHashSet<>();
            for (ConferenceEvent e : ordered) {
                switch (e.event()) {
                    case ConferenceEvent.JOIN -> e.callSid().ifPresent(sid -> {
                        firstJoins.putIfAbsent(sid, e.at());
                        on.add(sid);
                    });
                    case ConferenceEvent.LEAVE -> e.callSid().ifPresent(sid -> {
                        lastLeaves.put(sid, e.at());
                        on.remove(sid);
                    });
                    case ConferenceEvent.END -> on.clear();
                    default -> {
                    }
                }
            }
            return new Bridge(firstJoins, lastLeaves, on);
        }

        Optional<Instant> firstJoin(String callSid) {
            return Optional.ofNullable(firstJoins.get(callSid));
        }

        Optional<Instant> lastLeave(String callSid) {
            return Optional.ofNullable(lastLeaves.get(callSid));
        }

        /** On the bridge by the conference's reports; with none yet (only the key press), until the call ends. */
        boolean isOn(String callSid, boolean callEnded) {
            return on.contains(callSid) || (!firstJoins.containsKey(callSid) && !callEnded);
        }

        int onBridge() {
            return on.size();
        }
    }
}
