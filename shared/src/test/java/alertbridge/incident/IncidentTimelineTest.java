package alertbridge.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timeline is assembled from records in whatever order Twilio's callbacks arrived. */
class IncidentTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private static final Incident INCIDENT = Incident.open("I", "DB down", T0, 3);
    private static final String A = "CA" + "a".repeat(32);
    private static final String B = "CA" + "b".repeat(32);
    private static final String C = "CA" + "c".repeat(32);

    private static CallRecord placed(String to, String sid) {
        return new CallRecord(to, Optional.of(sid), "queued", Optional.empty(), Optional.empty(), T0);
    }

    private static CallEvent status(String sid, String to, String status, int seq, int second) {
        return new CallEvent(sid, to, status, T0.plusSeconds(second), seq, Optional.empty());
    }

    private static ConferenceEvent conf(String event, String sid, int seq, int second) {
        return new ConferenceEvent("CF1", event, Optional.ofNullable(sid), T0.plusSeconds(second), seq);
    }

    @Test
    void outOfOrderCallbacksGiveTheLatestStatusAndTimes() {
        IncidentTimeline t = IncidentTimeline.of(INCIDENT, List.of(placed("+1", A)), List.of(), List.of(
                status(A, "+1", "completed", 3, 40), status(A, "+1", "ringing", 1, 2),
                status(A, "+1", "in-progress", 2, 8), status(A, "+1", "initiated", 0, 1)), List.of(), Map.of());

        IncidentTimeline.Callee a = t.callees().getFirst();
        assertEquals("completed", a.callStatus());
        assertEquals(Optional.of(T0.plusSeconds(8)), a.answeredAt());
        assertEquals("answered, not joined", a.outcome());
    }

    @Test
    void bridgeIsReplayedInConferenceOrder() {
        List<ConferenceEvent> bridge = List.of(
                conf(ConferenceEvent.LEAVE, B, 4, 30), conf(ConferenceEvent.JOIN, A, 2, 10),
                conf(ConferenceEvent.START, null, 1, 10), conf(ConferenceEvent.JOIN, B, 3, 12));
        IncidentTimeline t = IncidentTimeline.of(INCIDENT, List.of(placed("+1", A), placed("+2", B), placed("+3", C)),
                List.of(new JoinRecord(A, "+1", T0.plusSeconds(9)), new JoinRecord(B, "+2", T0.plusSeconds(11))),
                List.of(status(C, "+3", "busy", 2, 5)), bridge, Map.of());

        assertEquals(1, t.onBridge());
        IncidentTimeline.Callee a = t.callees().get(0);
        IncidentTimeline.Callee b = t.callees().get(1);
        assertEquals("joined", a.outcome());
        assertEquals(Optional.of(T0.plusSeconds(10)), a.joinedAt(), "the conference's join time, not the key press");
        assertEquals("joined, then left", b.outcome());
        assertEquals(Optional.of(T0.plusSeconds(30)), b.leftAt());
        assertEquals("busy", t.callees().get(2).outcome());
    }

    @Test
    void keyPressCountsAsJoinedUntilTheConferenceReports() {
        IncidentTimeline t = IncidentTimeline.of(INCIDENT, List.of(placed("+1", A)),
                List.of(new JoinRecord(A, "+1", T0.plusSeconds(9))), List.of(), List.of(), Map.of());

        IncidentTimeline.Callee a = t.callees().getFirst();
        assertEquals("joined", a.outcome());
        assertEquals(Optional.of(T0.plusSeconds(9)), a.joinedAt());
        assertEquals(Optional.of(T0.plusSeconds(9)), a.answeredAt(), "a join means the call was answered");
        assertEquals(0, t.onBridge(), "onBridge counts what the conference reported");
    }

    @Test
    void conferenceEndEmptiesTheBridgeAndRefusedCallsAreNotPlaced() {
        CallRecord refused = new CallRecord("+9", Optional.empty(), "failed", Optional.of(21215), Optional.of("geo"), T0);
        IncidentTimeline t = IncidentTimeline.of(INCIDENT, List.of(placed("+1", A), refused), List.of(), List.of(),
                List.of(conf(ConferenceEvent.START, null, 1, 10), conf(ConferenceEvent.JOIN, A, 2, 10), conf(ConferenceEvent.END, null, 3, 60)), Map.of());

        assertEquals(0, t.onBridge());
        assertEquals("joined, then left", t.callees().get(0).outcome());
        assertEquals("not placed", t.callees().get(1).outcome());
        assertEquals(Optional.of(21215), t.callees().get(1).errorCode());
    }

    @Test
    void aRoomThatEndedDoesNotEmptyTheNextRoomStartedInTheSameSecond() {
        // Twilio's timestamps have whole seconds: B's room started in the second A's room ended, and its sid sorts
        // first, so the two conferences replay in either order. The found-in-CI case: B was shown as having left.
        List<ConferenceEvent> bridge = List.of(
                new ConferenceEvent("CFz", ConferenceEvent.START, Optional.empty(), T0.plusSeconds(10), 1),
                new ConferenceEvent("CFz", ConferenceEvent.JOIN, Optional.of(A), T0.plusSeconds(10), 2),
                new ConferenceEvent("CFz", ConferenceEvent.LEAVE, Optional.of(A), T0.plusSeconds(10), 3),
                new ConferenceEvent("CFz", ConferenceEvent.END, Optional.empty(), T0.plusSeconds(10), 4),
                new ConferenceEvent("CFa", ConferenceEvent.START, Optional.empty(), T0.plusSeconds(10), 1),
                new ConferenceEvent("CFa", ConferenceEvent.JOIN, Optional.of(B), T0.plusSeconds(10), 2));
        IncidentTimeline t = IncidentTimeline.of(INCIDENT, List.of(placed("+1", A), placed("+2", B)), List.of(),
                List.of(), bridge, Map.of());

        assertEquals(1, t.onBridge());
        assertEquals("joined, then left", t.callees().get(0).outcome());
        assertEquals("joined", t.callees().get(1).outcome());
        assertEquals(1, t.peopleOnBridge());
    }
}
