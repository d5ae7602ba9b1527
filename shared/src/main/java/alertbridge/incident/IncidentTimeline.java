package alertbridge.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who was called in which round, who answered, who joined the bridge (by our call or by dialling in) and when: one
 * incident as people want to read it. Pure: assembled from the records in the table, in any order they arrived.
 *
 * @param onBridge   how many calls are on the bridge now (joined and not yet left), by the conference's reports
 * @param rounds     how many rounds of calls were placed (1 until a round is re-dialled)
 * @param resolvedAt when a resolve closed the incident (status {@code resolved})
 * @param resolvedBy what closed it: the tool and its state, e.g. {@code alertmanager:resolved}, {@code cloudwatch:OK}
 * @param callees    one entry per number: each callee in the order first called, then each caller who dialled in
 * @param onCall     whom the team's on-call schedule put on call when the incident was raised (person ids)
 */
public record IncidentTimeline(String incidentId, String message, String status, Instant createdAt,
                               Optional<Instant> resolvedAt, Optional<String> resolvedBy, String conference,
                               int onBridge, int rounds, List<Callee> callees, List<String> onCall) {

    public IncidentTimeline {
        callees = List.copyOf(callees);
        onCall = List.copyOf(onCall);
    }

    /**
     * One person: what became of them, from the attempt that counts (the one that joined, else the latest), and
     * every attempt.
     *
     * @param via            {@code call} (we called them) or {@code call-in} (they dialled our number; no attempts)
     * @param callSid        empty when Twilio refused to place the call
     * @param callStatus     the latest status Twilio reported (or {@code queued} / {@code failed} from the create request)
     * @param outcome        in words: joined, joined, then left, answered, not joined, busy, no answer, failed, ringing, ...
     * @param joinedAt       when they entered the bridge (conference participant-join, else the key press)
     * @param resolvedText   the "resolved" SMS to them: Twilio's status ({@code queued}) or {@code failed (<code>)}
     * @param missedCallText the missed-call SMS to them, the same way
     * @param attempts       each call placed to them, round by round
     */
    /** The same timeline with each callee's number passed through {@code mask}. */
    public IncidentTimeline maskedWith(java.util.function.UnaryOperator<String> mask) {
        List<Callee> masked = callees.stream().map(c -> new Callee(mask.apply(c.to()), c.via(), c.callSid(), c.callStatus(),
                c.outcome(), c.answeredAt(), c.joinedAt(), c.leftAt(), c.durationSeconds(), c.errorCode(), c.resolvedText(),
                c.missedCallText(), c.attempts())).toList();
        return new IncidentTimeline(incidentId, message, status, createdAt, resolvedAt, resolvedBy, conference, onBridge, rounds,
                masked, onCall);
    }

    public record Callee(String to, String via, Optional<String> callSid, String callStatus, String outcome,
                         Optional<Instant> answeredAt, Optional<Instant> joinedAt, Optional<Instant> leftAt,
                         Optional<Integer> durationSeconds, Optional<Integer> errorCode, Optional<String> resolvedText,
                         Optional<String> missedCallText, List<Attempt> attempts) {
        /** Whether they are on the bridge now. */
        public boolean onBridge() {
            return outcome.equals(JOINED);
        }

        /** Whether they joined at some point (and may have left since). */
        public boolean joined() {
            return joinedAt.isPresent();
        }
    }

    /** One call placed to a callee in one round, and what became of it. */
    public record Attempt(int round, Optional<String> callSid, String callStatus, String outcome, Instant placedAt,
                          Optional<Instant> answeredAt, Optional<Instant> joinedAt, Optional<Instant> leftAt,
                          Optional<Integer> durationSeconds, Optional<Integer> errorCode) {
        /** Whether the phone network has finished with this call (or never started it). */
        public boolean ended() {
            return callSid.isEmpty() || CallEvent.FINAL_STATUSES.contains(callStatus);
        }
    }

    static final String JOINED = "joined";

    /** @param texts the resolved texts by number ({@link alertbridge.table.CalleeRecords#texts}) */
    public static IncidentTimeline of(Incident incident, List<CallRecord> calls, List<JoinRecord> joins,
                                      List<CallEvent> callEvents, List<ConferenceEvent> conferenceEvents,
                                      Map<String, String> texts) {
        return of(incident, calls, joins, callEvents, conferenceEvents, texts, Map.of());
    }

    /** @param missedTexts the missed-call texts by number ({@link alertbridge.table.CalleeRecords#missedTexts}) */
    public static IncidentTimeline of(Incident incident, List<CallRecord> calls, List<JoinRecord> joins,
                                      List<CallEvent> callEvents, List<ConferenceEvent> conferenceEvents,
                                      Map<String, String> texts, Map<String, String> missedTexts) {
        Map<String, List<CallEvent>> eventsByCall = new HashMap<>();
        for (CallEvent e : callEvents) {
            eventsByCall.computeIfAbsent(e.callSid(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Instant> keyPressAt = new HashMap<>();
        for (JoinRecord j : joins) {
            keyPressAt.put(j.callSid(), j.joinedAt());
        }
        Bridge bridge = Bridge.replay(conferenceEvents);

        Map<String, List<Attempt>> attemptsByNumber = new LinkedHashMap<>();
        for (CallRecord call : calls.stream().sorted(Comparator.comparingInt(CallRecord::round)
                .thenComparing(CallRecord::placedAt).thenComparing(CallRecord::to)).toList()) {
            attemptsByNumber.computeIfAbsent(call.to(), k -> new ArrayList<>())
                    .add(attempt(call, eventsByCall, keyPressAt, bridge));
        }
        List<Callee> callees = new ArrayList<>();
        attemptsByNumber.forEach((to, attempts) -> {
            Attempt counts = attempts.stream().filter(a -> a.joinedAt().isPresent()).findFirst().orElse(attempts.getLast());
            callees.add(new Callee(to, JoinRecord.CALL, counts.callSid(), counts.callStatus(), counts.outcome(),
                    counts.answeredAt(), counts.joinedAt(), counts.leftAt(), counts.durationSeconds(), counts.errorCode(),
                    Optional.ofNullable(texts.get(to)), Optional.ofNullable(missedTexts.get(to)), List.copyOf(attempts)));
        });
        joins.stream().filter(j -> JoinRecord.CALL_IN.equals(j.via()))
                .sorted(Comparator.comparing(JoinRecord::joinedAt))
                .forEach(j -> {
                    Optional<Instant> joinedAt = bridge.firstJoin(j.callSid()).or(() -> Optional.of(j.joinedAt()));
                    boolean on = bridge.on().contains(j.callSid()) || !bridge.firstJoins().containsKey(j.callSid());
                    callees.add(new Callee(j.to(), JoinRecord.CALL_IN, Optional.of(j.callSid()), "in-progress",
                            on ? JOINED : "joined, then left", joinedAt, joinedAt,
                            on ? Optional.empty() : bridge.lastLeave(j.callSid()), Optional.empty(), Optional.empty(),
                            Optional.ofNullable(texts.get(j.to())), Optional.empty(), List.of()));
                });
        int rounds = calls.stream().mapToInt(CallRecord::round).max().orElse(1);
        return new IncidentTimeline(incident.id(), incident.message(), incident.status(), incident.createdAt(),
                incident.resolvedAt(), incident.resolvedBy(), incident.conferenceName(), bridge.onBridge(), rounds,
                List.copyOf(callees), incident.onCall());
    }

    /** How many people are on the bridge now: callees and callers whose joined call has not left. */
    public int peopleOnBridge() {
        return (int) callees.stream().filter(Callee::onBridge).count();
    }

    private static Attempt attempt(CallRecord call, Map<String, List<CallEvent>> eventsByCall,
                                   Map<String, Instant> keyPressAt, Bridge bridge) {
        if (call.callSid().isEmpty()) {
            return new Attempt(call.round(), Optional.empty(), call.status(), "not placed", call.placedAt(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), call.errorCode());
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
        return new Attempt(call.round(), call.callSid(), status,
                outcome(status, answeredAt.isPresent(), joinedAt.isPresent(), bridge.isOn(sid, ended)),
                call.placedAt(), answeredAt, joinedAt, leftAt, duration, call.errorCode());
    }

    private static String outcome(String status, boolean answered, boolean joined, boolean onBridge) {
        if (joined) {
            return onBridge ? JOINED : "joined, then left";
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
            Map<String, String> on = new LinkedHashMap<>(); // call sid -> the conference it is in
            for (ConferenceEvent e : ordered) {
                switch (e.event()) {
                    case ConferenceEvent.JOIN -> e.callSid().ifPresent(sid -> {
                        firstJoins.putIfAbsent(sid, e.at());
                        on.put(sid, e.conferenceSid());
                    });
                    case ConferenceEvent.LEAVE -> e.callSid().ifPresent(sid -> {
                        lastLeaves.put(sid, e.at());
                        on.remove(sid);
                    });
                    // Only this conference's participants: timestamps have whole seconds, so a room that ended
                    // and the next one that started in the same second can sort either way.
                    case ConferenceEvent.END -> on.values().removeIf(e.conferenceSid()::equals);
                    default -> {
                    }
                }
            }
            return new Bridge(firstJoins, lastLeaves, Set.copyOf(on.keySet()));
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
