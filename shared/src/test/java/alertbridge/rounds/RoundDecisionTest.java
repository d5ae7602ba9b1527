package alertbridge.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.incident.CallEvent;
import alertbridge.incident.CallRecord;
import alertbridge.incident.ConferenceEvent;
import alertbridge.incident.Incident;
import alertbridge.incident.IncidentTimeline;
import alertbridge.incident.JoinRecord;
import alertbridge.incident.LaterCallee;
import alertbridge.incident.RoundState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The round decision alone, from a round state and a timeline built in memory: no table, no queue, no Twilio. Whom a
 * round calls, when a round is over, the tiers, the stop rule, the last round, and the steps that no longer apply.
 */
class RoundDecisionTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private static final String ID = "rW8PVyyhDz-er_a85lomTw";
    private static final Incident INCIDENT = Incident.open(ID, "DB down", T0, 2);
    /** MaxRounds 3, StopAfterJoined 1, 60 s between rounds. */
    private static final RoundPolicy POLICY = new RoundPolicy(3, 1, Duration.ofSeconds(60), false, true, 30);
    private static final Predicate<IncidentTimeline.Attempt> ENDED_ARE_OVER = a -> !a.ended();

    /** A small timeline: calls placed, their final statuses, and who joined the bridge. */
    private static final class Calls {
        final List<CallRecord> calls = new ArrayList<>();
        final List<CallEvent> events = new ArrayList<>();
        final List<JoinRecord> joins = new ArrayList<>();
        final List<ConferenceEvent> conference = new ArrayList<>();

        Calls call(String to, String sid, int round, String finalStatus) {
            calls.add(new CallRecord(to, Optional.of(sid), "queued", Optional.empty(), Optional.empty(), T0, round));
            if (finalStatus != null) {
                events.add(new CallEvent(sid, to, finalStatus, T0.plusSeconds(40), events.size(), Optional.empty()));
            }
            return this;
        }

        Calls joined(String to, String sid) {
            joins.add(new JoinRecord(sid, to, T0.plusSeconds(10), JoinRecord.CALL));
            conference.add(new ConferenceEvent("CF1", ConferenceEvent.JOIN, Optional.of(sid), T0.plusSeconds(11), conference.size()));
            return this;
        }

        IncidentTimeline timeline() {
            return IncidentTimeline.of(INCIDENT, calls, joins, events, conference, Map.of());
        }
    }

    private static RoundState state(int round, int dialledRound, List<LaterCallee> later, Optional<Instant> roundEndedAt) {
        return new RoundState(INCIDENT, round, dialledRound, later, roundEndedAt);
    }

    private static RoundDecision decide(RoundStep.Kind kind, int stepRound, RoundState state, Calls calls, Instant now) {
        return RoundDecision.of(new RoundStep(ID, stepRound, kind), state, calls.timeline(), POLICY, now, ENDED_ARE_OVER);
    }

    @Test
    void roundTwoCallsWhoIsNotOnTheBridgeAndTheTiersThatStartByThen() {
        Calls calls = new Calls().call("+1", "CA1", 1, "no-answer").call("+2", "CA2", 1, "busy");
        RoundState state = state(2, 1, List.of(new LaterCallee("+3", 2), new LaterCallee("+4", 3)), Optional.of(T0.plusSeconds(80)));

        assertEquals(new RoundDecision.Dial(2, List.of("+1", "+2", "+3")), decide(RoundStep.Kind.DIAL, 2, state, calls, T0.plusSeconds(140)),
                "+4's tier starts in round 3");
    }

    @Test
    void whoJoinedOnceOrIsStillOnACallIsNotCalledAgain() {
        Calls left = new Calls().call("+1", "CA1", 1, "completed").joined("+1", "CA1").call("+2", "CA2", 1, null)
                .call("+3", "CA3", 1, "no-answer");
        left.conference.add(new ConferenceEvent("CF1", "participant-leave", Optional.of("CA1"), T0.plusSeconds(30), 9));
        RoundState state = state(2, 1, List.of(), Optional.of(T0.plusSeconds(80)));

        assertEquals(new RoundDecision.Dial(2, List.of("+3")), decide(RoundStep.Kind.DIAL, 2, state, left, T0.plusSeconds(140)),
                "+1 joined (and left): not rung again; +2's call is still going");
    }

    @Test
    void nobodyNewToCallWhileALastRoundCallGoesOnWaits() {
        Calls calls = new Calls().call("+1", "CA1", 1, null);
        assertEquals(new RoundDecision.WaitForCall(2),
                decide(RoundStep.Kind.DIAL, 2, state(2, 1, List.of(), Optional.of(T0)), calls, T0.plusSeconds(70)));
    }

    @Test
    void aRoundIsOverWhenEveryCallOfItHasEnded() {
        RoundState dialled = state(1, 1, List.of(), Optional.empty());
        assertEquals(new RoundDecision.Ignore(), decide(RoundStep.Kind.CHECK, 1, dialled,
                new Calls().call("+1", "CA1", 1, "no-answer").call("+2", "CA2", 1, null), T0), "one call still ringing");
        assertEquals(new RoundDecision.Advance(1, 0), decide(RoundStep.Kind.CHECK, 1, dialled,
                new Calls().call("+1", "CA1", 1, "no-answer").call("+2", "CA2", 1, "busy"), T0));
        assertEquals(new RoundDecision.Advance(1, 0), decide(RoundStep.Kind.END, 1, dialled,
                new Calls().call("+1", "CA1", 1, null), T0.plusSeconds(80)), "the safety deadline ends it anyway");
    }

    @Test
    void theStopRuleEndsTheRoundsAndSkipsADueRound() {
        Calls joined = new Calls().call("+1", "CA1", 1, "completed").joined("+1", "CA1").call("+2", "CA2", 1, "no-answer");
        assertEquals(new RoundDecision.Stop(1, 1), decide(RoundStep.Kind.CHECK, 1, state(1, 1, List.of(), Optional.empty()), joined, T0));
        assertEquals(new RoundDecision.NotNeeded(2),
                decide(RoundStep.Kind.DIAL, 2, state(2, 1, List.of(), Optional.of(T0)), joined, T0.plusSeconds(60)));
    }

    @Test
    void theLastRoundWithNobodyOnTheBridgeLeavesTheIncidentUnanswered() {
        Calls none = new Calls().call("+1", "CA1", 3, "no-answer");
        assertEquals(new RoundDecision.Unanswered(3), decide(RoundStep.Kind.CHECK, 3, state(3, 3, List.of(), Optional.empty()), none, T0));
    }

    @Test
    void stepsThatNoLongerApplyAreIgnoredAndALostDialIsQueuedAgain() {
        Calls calls = new Calls().call("+1", "CA1", 1, "no-answer");
        RoundState roundTwoDue = state(2, 1, List.of(), Optional.of(T0));
        assertEquals(new RoundDecision.Ignore(), decide(RoundStep.Kind.DIAL, 1, roundTwoDue, calls, T0), "an old round's DIAL");
        assertEquals(new RoundDecision.Ignore(), decide(RoundStep.Kind.DIAL, 2, state(2, 2, List.of(), Optional.of(T0)), calls, T0),
                "a duplicate DIAL of a dialled round");
        assertEquals(new RoundDecision.Ignore(), decide(RoundStep.Kind.END, 1, roundTwoDue, calls, T0.plusSeconds(60)),
                "round 1's END while round 2's DIAL may still come");
        assertEquals(new RoundDecision.RequeueDial(2), decide(RoundStep.Kind.END, 1, roundTwoDue, calls, T0.plusSeconds(91)),
                "60 s redial delay + 30 s grace passed: the DIAL was lost");
    }
}
