package alertbridge.rounds;

import alertbridge.incident.IncidentTimeline;
import alertbridge.incident.LaterCallee;
import alertbridge.incident.RoundState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one round step means for an open incident, decided from its round state and timeline alone (no table, no
 * Twilio, no queue): the engine ({@link RoundEngine}) carries it out. Steps arrive at least once and in any order, so a
 * step that no longer applies is {@link Ignore}; every change the engine makes is a conditional write besides.
 */
public sealed interface RoundDecision {
    /** A duplicate, late or early step: nothing to do. */
    record Ignore() implements RoundDecision {
    }

    /** Dial round {@code round}: these numbers (empty: the round is still claimed and timed, so the rounds go on). */
    record Dial(int round, List<String> numbers) implements RoundDecision {
        public Dial {
            numbers = List.copyOf(numbers);
        }
    }

    /** Round {@code round} is due, but enough people are on the bridge: it is not dialled. */
    record NotNeeded(int round) implements RoundDecision {
    }

    /** Nobody new to call while a call of the last round may still be going: look again a little later. */
    record WaitForCall(int round) implements RoundDecision {
    }

    /** The round is over and enough people are on the bridge: no more rounds. */
    record Stop(int round, int onBridge) implements RoundDecision {
    }

    /** The round is over with too few on the bridge: the next one is dialled {@code RedialDelaySeconds} later. */
    record Advance(int round, int onBridge) implements RoundDecision {
    }

    /** The last round is over with nobody on the bridge: the incident is unanswered. */
    record Unanswered(int round) implements RoundDecision {
    }

    /** Round {@code round} was made current long enough ago that its dial should have come: queue it again. */
    record RequeueDial(int round) implements RoundDecision {
    }

    /** How late a DIAL may be (queue delivery, a retry) before it is taken as lost. */
    Duration DIAL_GRACE = Duration.ofSeconds(30);

    /**
     * @param live whether an attempt may still be going (the engine may ask Twilio about one our records went quiet on)
     */
    static RoundDecision of(RoundStep step, RoundState state, IncidentTimeline timeline, RoundPolicy policy, Instant now,
                            Predicate<IncidentTimeline.Attempt> live) {
        int onBridge = timeline.peopleOnBridge();
        boolean stop = onBridge >= policy.stopAfterJoined();
        int round = state.round();
        boolean dialled = state.dialledRound() == round;
        return switch (step.kind()) {
            case DIAL -> {
                if (step.round() != round || dialled) {
                    yield new Ignore();
                }
                if (stop) {
                    yield new NotNeeded(round);
                }
                // each attempt asked once: the engine's answer may cost a Twilio request
                Map<IncidentTimeline.Attempt, Boolean> asked = new HashMap<>();
                Predicate<IncidentTimeline.Attempt> liveOnce = a -> asked.computeIfAbsent(a, live::test);
                List<String> numbers = whoToCall(state, timeline, liveOnce);
                boolean someoneStillOnACall = timeline.callees().stream()
                        .anyMatch(c -> !c.joined() && c.attempts().stream().anyMatch(liveOnce));
                yield numbers.isEmpty() && someoneStillOnACall ? new WaitForCall(round) : new Dial(round, numbers);
            }
            case END -> {
                if (step.round() == round && dialled) {
                    yield roundOver(state, onBridge, stop, policy);
                }
                boolean overdue = state.roundEndedAt().map(e -> e.plus(policy.redialDelay()).plus(DIAL_GRACE).isBefore(now)).orElse(true);
                yield step.round() + 1 == round && !dialled && overdue ? new RequeueDial(round) : new Ignore();
            }
            case CHECK -> dialled && allEnded(timeline, round) ? roundOver(state, onBridge, stop, policy) : new Ignore();
        };
    }

    private static RoundDecision roundOver(RoundState state, int onBridge, boolean stop, RoundPolicy policy) {
        if (stop) {
            return new Stop(state.round(), onBridge);
        }
        if (state.round() < policy.maxRounds()) {
            return new Advance(state.round(), onBridge);
        }
        return onBridge == 0 ? new Unanswered(state.round()) : new Ignore();
    }

    private static boolean allEnded(IncidentTimeline timeline, int round) {
        return timeline.callees().stream().flatMap(c -> c.attempts().stream())
                .filter(a -> a.round() == round)
                .allMatch(IncidentTimeline.Attempt::ended);
    }

    /**
     * Everyone called before, and every tier that starts by this round, who is not on the bridge (or was, and left)
     * and has no call still going.
     */
    private static List<String> whoToCall(RoundState state, IncidentTimeline timeline, Predicate<IncidentTimeline.Attempt> live) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> skip = new LinkedHashSet<>();
        for (IncidentTimeline.Callee callee : timeline.callees()) {
            if (callee.joined() || callee.attempts().stream().anyMatch(live)) {
                skip.add(callee.to());
            } else if (callee.via().equals("call")) {
                numbers.add(callee.to());
            }
        }
        state.later().stream().filter(c -> c.fromRound() <= state.round()).map(LaterCallee::to).forEach(numbers::add);
        numbers.removeAll(skip);
        return List.copyOf(numbers);
    }
}
