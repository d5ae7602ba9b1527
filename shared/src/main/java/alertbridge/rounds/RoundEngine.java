package alertbridge.rounds;

import alertbridge.calls.CallCanceller;
import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallStatusLookup;
import alertbridge.calls.CallbackUrls;
import alertbridge.calls.TextSender;
import alertbridge.events.IncidentEvents;
import alertbridge.guard.CalleeGuard;
import alertbridge.phone.PhoneNumbers.Rejected;
import alertbridge.incident.CallEvent;
import alertbridge.incident.Incident;
import alertbridge.incident.IncidentTimeline;
import alertbridge.incident.RoundState;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.timeline.IncidentQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps calling until someone is on the bridge. An incident is dialled in rounds: a round ends when all its calls have
 * a final status (a {@link RoundStep.Kind#CHECK} after each callback) or at its safety deadline
 * ({@link RoundStep.Kind#END}); then, if fewer than {@code StopAfterJoined} people are on the bridge, the next round is
 * dialled after {@code RedialDelaySeconds} ({@link RoundStep.Kind#DIAL}): everyone not yet on the bridge, plus the
 * roster tiers that start in that round, up to {@code MaxRounds}. After the last round with nobody on the bridge the
 * incident is {@code unanswered}. A resolved incident takes no more steps.
 * <p>
 * Steps arrive at least once and in any order: every change is a conditional write on the incident's round
 * ({@link alertbridge.table.Rounds}), so a duplicate or late step changes nothing, and a round is dialled once.
 */
public final class RoundEngine {
    private static final JsonLog LOG = JsonLog.forComponent("rounds");

    /**
     * How the engine places and stops calls, and asks the provider about a call our records have gone quiet on.
     */
    public record Phone(CallFanOut fanOut, CalleeGuard rate, CallCanceller canceller, CallbackUrls urls, CallStatusLookup calls) {
    }

    private final IncidentStore store;
    private final RoundQueue queue;
    private final RoundPolicy policy;
    private final Phone phone;
    private final Optional<MissedCallTexts> missedTexts;
    private final Clock clock;
    private final IncidentQueries queries;
    private final RoundTimer timer;
    private final RoundDialler dialler;
    private final IncidentEvents events;

    /**
     * @param texts        sends the missed-call texts; empty when {@code MissedCallSms} is off
     * @param callInNumber our number, said in the missed-call text when callers may dial in; else empty
     * @param events       the incident's metrics and outgoing events (escalated, unanswered)
     * @param links        signs the incident page's link in the missed-call text (docs/security.md)
     */
    public RoundEngine(IncidentStore store, RoundQueue queue, RoundPolicy policy, Phone phone, Optional<TextSender> texts,
                       Optional<Supplier<String>> callInNumber, Clock clock, IncidentEvents events,
                       alertbridge.auth.IncidentLinks.Signer links) {
        this.events = events;
        this.store = store;
        this.queue = queue;
        this.policy = policy;
        this.phone = phone;
        this.missedTexts = texts.filter(t -> policy.missedCallSms())
                .map(sender -> new MissedCallTexts(store, sender, callInNumber, clock, links));
        this.clock = clock;
        this.queries = new IncidentQueries(store);
        this.timer = new RoundTimer(queue, policy);
        this.dialler = new RoundDialler(phone.fanOut(), phone.rate(), store, clock);
    }

    /** Takes one step; throws only when it should be delivered again (the table or the queue failed). */
    public void handle(RoundStep step) {
        Optional<RoundState> found = store.rounds().find(step.incidentId());
        if (found.isEmpty()) {
            // its incident may still be on the records queue (written while the table was down): try again later;
            // a step whose incident never appears ends in the dead-letter queue
            throw new IllegalStateException("no incident " + step.incidentId() + " in the table (yet)");
        }
        RoundState state = found.get();
        if (!state.incident().isOpen()) {
            return; // resolved: no more calls, no more texts
        }
        IncidentTimeline timeline = queries.timeline(step.incidentId());
        missedTexts.ifPresent(texts -> texts.textWhoMissed(timeline));
        int onBridge = timeline.peopleOnBridge();
        boolean stop = onBridge >= policy.stopAfterJoined();
        if (stop && policy.cancelRingingOnStop()) {
            cancelRinging(timeline);
        }
        if (!Incident.OPEN.equals(state.incident().status())) {
            return; // unanswered: its rounds are over
        }
        switch (RoundDecision.of(step, state, timeline, policy, clock.instant(), this::live)) {
            case RoundDecision.Dial dial -> dial(state, dial.numbers());
            case RoundDecision.NotNeeded n -> LOG.info("round_not_needed", "incidentId", state.incident().id(), "round", n.round());
            case RoundDecision.WaitForCall w -> {
                // a call of the last round is still going (the callee listening, or its last callback not yet in):
                // look again a little later rather than start an empty round
                LOG.info("round_waits_for_a_call", "incidentId", state.incident().id(), "round", w.round());
                queue.send(new RoundStep(state.incident().id(), w.round(), RoundStep.Kind.DIAL), LIVE_CALL_RECHECK);
            }
            case RoundDecision.Stop s -> LOG.info("rounds_stopped", "incidentId", state.incident().id(), "round", s.round(),
                    "onBridge", s.onBridge());
            case RoundDecision.Advance a -> advance(state, a);
            case RoundDecision.Unanswered u -> {
                if (store.rounds().markUnanswered(state.incident().id(), u.round(), clock.instant())) {
                    LOG.warn("incident_unanswered", "incidentId", state.incident().id(), "rounds", u.round());
                    events.unanswered(state.incident(), u.round(), clock.instant());
                }
            }
            // its DIAL may never have been queued (a failure right after the advance): a duplicate DIAL changes nothing
            case RoundDecision.RequeueDial r -> queue.send(new RoundStep(state.incident().id(), r.round(), RoundStep.Kind.DIAL), Duration.ZERO);
            case RoundDecision.Ignore ignore -> { }
        }
    }

    /**
     * Whether a call may still be going: not ended by Twilio's callbacks, and placed recently enough, or, once a round's
     * deadline and a minute have passed without its last callback, still going by Twilio's own word.
     */
    private boolean live(IncidentTimeline.Attempt attempt) {
        if (attempt.ended()) {
            return false;
        }
        if (attempt.placedAt().plus(policy.deadline(1)).plusSeconds(60).isAfter(clock.instant())) {
            return true;
        }
        // quiet too long by our records: its callbacks, or the callee's join, may still wait on the records queue;
        // the provider knows whether it is still going (an answer it cannot give: taken as over)
        Optional<String> going = attempt.callSid().flatMap(phone.calls()::status).filter(s -> !CallEvent.FINAL_STATUSES.contains(s));
        going.ifPresent(s -> LOG.info("call_still_going", "callSid", attempt.callSid().orElseThrow(), "callStatus", s));
        return going.isPresent();
    }

    /** When a DIAL finds only calls still going, it looks again this much later. */
    static final Duration LIVE_CALL_RECHECK = Duration.ofSeconds(30);

    /** Ends the round and queues the next one's DIAL after the redial delay (undone if it cannot be queued). */
    private void advance(RoundState state, RoundDecision.Advance a) {
        String id = state.incident().id();
        if (store.rounds().advance(id, a.round(), clock.instant())) {
            LOG.info("round_ended", "incidentId", id, "round", a.round(), "onBridge", a.onBridge(),
                    "nextRoundInSeconds", policy.redialDelay().toSeconds());
            try {
                queue.send(new RoundStep(id, a.round() + 1, RoundStep.Kind.DIAL), policy.redialDelay());
            } catch (RuntimeException e) {
                // undo the advance, so this step's retry ends the round again and queues its DIAL
                store.rounds().unadvance(id, a.round() + 1);
                throw e;
            }
        }
    }

    private void dial(RoundState state, List<String> numbers) {
        String id = state.incident().id();
        int round = state.round();
        if (!store.rounds().claimDial(id, round)) {
            return;
        }
        // With nobody to call at all the round is still claimed and timed, so it ends and the rounds go on.
        LOG.info("round_started", "incidentId", id, "round", round, "callees", numbers.size());
        // the deadline (and from round 2 the escalation event) is queued while the calls go out: no latency from it
        Runnable meanwhile = () -> {
            if (round >= 2) {
                events.escalated(id, round); // never throws: a failure to queue it is logged
            }
            timer.roundDialled(id, round, numbers.size());
        };
        List<Rejected> refused = new ArrayList<>();
        List<String> allowed = rateGuarded(numbers, refused);
        dialler.dial(id, state.incident().message(), round, allowed, refused, phone.urls(), true, meanwhile);
    }

    /**
     * The numbers the rate guard allows; each refused one is added to {@code refused} (recorded as a failed attempt of
     * the round). When the guard cannot be asked, every number is refused: no re-dial without the hourly limit.
     */
    private List<String> rateGuarded(List<String> numbers, List<Rejected> refused) {
        try {
            return phone.rate().allowed(numbers, (number, reason) -> refused.add(new Rejected(number, reason)));
        } catch (RuntimeException e) {
            String unasked = "the rate guard could not be asked: " + e.getClass().getSimpleName();
            numbers.forEach(number -> refused.add(new Rejected(number, unasked)));
            return List.of();
        }
    }

    private void cancelRinging(IncidentTimeline timeline) {
        List<String> ringing = timeline.callees().stream().filter(c -> !c.joined())
                .flatMap(c -> c.attempts().stream())
                .filter(a -> !a.ended() && a.answeredAt().isEmpty())
                .map(a -> a.callSid().orElseThrow())
                .toList();
        for (String sid : ringing) {
            boolean cancelled = phone.canceller().cancel(sid);
            LOG.info(cancelled ? "ringing_call_cancelled" : "ringing_call_not_cancelled", "incidentId", timeline.incidentId(),
                    "callSid", sid);
        }
    }
}
