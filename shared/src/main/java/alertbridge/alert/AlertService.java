package alertbridge.alert;

import alertbridge.alert.AlertOutcome.FailedCall;
import alertbridge.alert.AlertOutcome.PlacedCall;
import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.calls.TextSender;
import alertbridge.events.IncidentEvents;
import alertbridge.guard.CalleeGuards;
import alertbridge.incident.Incident;
import alertbridge.incident.JoinRecord;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneNumbers;
import alertbridge.refusal.Refusal;
import alertbridge.rounds.RoundDialler;
import alertbridge.rounds.RoundTimer;
import alertbridge.table.IncidentStore;
import alertbridge.table.StoreUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Raises an alert: validates the numbers, stores a new incident, then phones every callee at once.
 * An alert reaches as many people as it can: invalid numbers are reported and the valid ones still dialled.
 */
public final class AlertService {
    private static final JsonLog LOG = JsonLog.forComponent("alert");

    private final PhoneNumbers phoneNumbers;
    private final CalleeGuards guards;
    private final IncidentStore store;
    private final CallFanOut fanOut;
    private final int maxCallees;
    private final Clock clock;
    private final Supplier<String> incidentIds;
    private final Optional<ResolvedTexts> resolvedTexts;
    private final Optional<RoundTimer> roundTimer;
    private final RoundDialler dialler;
    private final DedupGate dedupGate;
    private final IncidentEvents events;

    /**
     * @param maxCallees    the most numbers one alert dials ({@code MaxCallees}); the rest are reported as rejected
     * @param resolvedTexts when present, a resolve texts everyone whose phone was called for the incident
     *                      (the {@code ResolvedSms} parameter)
     * @param roundTimer    when present, round 1's deadline is queued as its calls go out, so the incident is
     *                      re-dialled if nobody reaches the bridge; empty: everyone is called once
     * @param events        the incident's metrics and outgoing events (opened, resolved)
     */
    public AlertService(PhoneNumbers phoneNumbers, CalleeGuards guards, IncidentStore store, CallFanOut fanOut,
                        int maxCallees, Clock clock, Supplier<String> incidentIds, Optional<TextSender> resolvedTexts,
                        Optional<RoundTimer> roundTimer, IncidentEvents events) {
        if (maxCallees < 1) {
            throw new IllegalArgumentException("MaxCallees must be at least 1");
        }
        this.phoneNumbers = phoneNumbers;
        this.guards = guards;
        this.store = store;
        this.fanOut = fanOut;
        this.maxCallees = maxCallees;
        this.clock = clock;
        this.incidentIds = incidentIds;
        this.resolvedTexts = resolvedTexts.map(sender -> new ResolvedTexts(store, sender, clock));
        this.roundTimer = roundTimer;
        this.dialler = new RoundDialler(fanOut, guards.rate(), store, clock);
        this.dedupGate = new DedupGate(store, clock);
        this.events = events;
    }

    /**
     * Raises an alert once per dedup key: while the key's incident is open, a repeat joins it and dials nobody.
     * The key is claimed (conditional write) after the numbers are checked and before the incident is stored, so two
     * identical requests at the same moment dial once. The rate guard is asked only after the claim: a repeat neither
     * counts against {@code MaxCallsPerNumberPerHour} nor is refused by it. When no call is placed, the key stays
     * with the incident, and the sender's retry dials again in it, under the same incident id.
     *
     * @param urls where Twilio requests TwiML and reports progress for the incident's calls
     * @return {@link AlertResult.Opened} or {@link AlertResult.Deduplicated}
     * @throws Refusal 400 when no number can be called
     */
    public AlertResult raise(AlertRequest request, Optional<String> dedupKey, CallbackUrls urls) {
        AlertPlan plan = AlertPlan.of(request, phoneNumbers, guards.policy(), maxCallees);
        String incidentId = incidentIds.get();
        Instant now = clock.instant();
        if (dedupKey.isEmpty()) {
            return new AlertResult.Opened(open(incidentId, now, request.message(), plan, urls));
        }
        AlertResult repeat;
        try {
            repeat = dedupGate.claimOrAwaitHolder(dedupKey.get(), incidentId);
        } catch (StoreUnavailable e) {
            // the page gets through: dial without dedup, and say so
            LOG.error("dedup_unchecked", "incidentId", incidentId, "error", e.getMessage());
            plan.degraded().add(AlertOutcome.DEDUP_UNCHECKED);
            AlertOutcome outcome = open(incidentId, now, request.message(), plan, urls);
            if (!outcome.calls().isEmpty()) { // none placed: nothing to deduplicate against, the retry pages afresh
                dedupGate.deferClaim(dedupKey.get(), incidentId, now, outcome.calls().size());
            }
            return new AlertResult.Opened(outcome);
        }
        if (repeat instanceof AlertResult.NotPlaced notPlaced && notPlaced.retry()) {
            Optional<AlertOutcome> again = redial(notPlaced.incidentId(), plan, urls);
            if (again.isPresent()) {
                return new AlertResult.Opened(again.get());
            }
            repeat = dedupGate.claimOrAwaitHolder(dedupKey.get(), incidentId); // another retry redials: its outcome
        }
        if (repeat != null) {
            LOG.info("alert_deduplicated", "incidentId", switch (repeat) {
                case AlertResult.Deduplicated d -> d.incidentId();
                case AlertResult.NotPlaced n -> n.incidentId();
                default -> "";
            }, "placed", repeat instanceof AlertResult.Deduplicated);
            return repeat;
        }
        try {
            AlertOutcome outcome = open(incidentId, now, request.message(), plan, urls);
            // the key stays claimed also when no call was placed: a retry dials again in this incident (redial)
            dedupGate.markDialled(incidentId, outcome.calls().size());
            return new AlertResult.Opened(outcome);
        } catch (RuntimeException e) {
            dedupGate.release(dedupKey.get(), incidentId);
            throw e;
        }
    }

    /**
     * Closes the open incident of a dedup key; dials nobody. With resolved texts configured, everyone whose phone
     * was called for it gets {@code said} by SMS, once: a repeated resolve finds nothing open and texts nobody.
     *
     * @param resolvedBy what closed it, e.g. {@code alertmanager:resolved}
     * @param said       the resolve in words, e.g. "Resolved: HighCPU on web-1."
     * @return the incident closed; empty when the key had no open incident
     */
    public Optional<String> resolve(String dedupKey, String resolvedBy, String said) {
        Optional<String> closed = store.dedup().resolve(dedupKey, resolvedBy, clock.instant());
        LOG.info("alert_resolved", "incidentId", closed.orElse(""), "resolved", closed.isPresent(), "by", resolvedBy);
        if (closed.isPresent() && resolvedTexts.isPresent()) {
            resolvedTexts.get().textEveryoneCalled(closed.get(), "alertbridge: " + said);
        }
        closed.ifPresent(id -> events.resolved(id, clock.instant()));
        closed.ifPresent(this::countResolved);
        return closed;
    }

    /** The resolved incident's metrics: how long it was open and how many people reached the bridge. */
    private void countResolved(String incidentId) {
        try {
            store.incidents().find(incidentId).ifPresent(incident -> events.countResolved(incident,
                    (int) store.callees().joins(incidentId).stream().map(JoinRecord::to).distinct().count(),
                    incident.resolvedAt().orElse(clock.instant())));
        } catch (RuntimeException e) {
            LOG.error("metrics_not_counted", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }

    /**
     * A retry of an alert whose incident has no call placed (Twilio refused them all): dials round 1 again in that
     * incident, if this request wins the redial ({@link DedupGate#claimRedial}); empty if another request does.
     */
    private Optional<AlertOutcome> redial(String incidentId, AlertPlan plan, CallbackUrls urls) {
        if (!dedupGate.claimRedial(incidentId)) {
            return Optional.empty();
        }
        int placed = 0;
        try {
            Incident incident = store.incidents().find(incidentId).orElseThrow(() -> new IllegalStateException("claimed, then gone"));
            LOG.info("incident_redialled", "incidentId", incidentId, "callees", plan.firstRound().size());
            AlertOutcome outcome = dialRoundOne(incident, rateGuarded(incidentId, plan), plan, urls, Optional.empty());
            placed = outcome.calls().size();
            return Optional.of(outcome);
        } finally {
            dedupGate.markDialled(incidentId, placed); // also when it failed: waiting repeats read it
        }
    }

    /** Round 1's numbers the rate guard allows (each refused one added to the plan's rejected); all of them when it cannot say. */
    private List<String> rateGuarded(String incidentId, AlertPlan plan) {
        List<String> callees;
        try {
            callees = AlertPlan.allowed(plan.firstRound(), guards.rate(), plan.rejected());
        } catch (StoreUnavailable e) {
            LOG.error("rate_guard_unchecked", "incidentId", incidentId, "error", e.getMessage());
            plan.degraded().add(AlertOutcome.RATE_UNCHECKED);
            callees = plan.firstRound();
        }
        if (callees.isEmpty()) {
            throw AlertPlan.noneCallable(plan.rejected());
        }
        return callees;
    }

    /** Asks the rate guard, stores the incident and dials everyone it allows; round 1's deadline is queued meanwhile. */
    private AlertOutcome open(String incidentId, Instant now, String message, AlertPlan plan, CallbackUrls urls) {
        List<String> callees = rateGuarded(incidentId, plan);
        Incident incident = Incident.open(incidentId, message, now, callees.size() + plan.later().size(), plan.teams(), plan.onCall());
        try {
            store.incidents().create(incident, plan.later()); // deferred when the table is down and a write-behind is set
        } catch (StoreUnavailable e) {
            LOG.error("incident_not_recorded", "incidentId", incidentId, "error", e.getMessage());
            plan.degraded().add(AlertOutcome.NOT_RECORDED);
        }
        LOG.info("incident_created", "incidentId", incident.id(), "callees", callees.size(), "later", plan.later().size(),
                "rejected", plan.rejected().size());
        Thread announced = events.openedInBackground(incident); // queued while the calls go out, as the timer is
        return dialRoundOne(incident, callees, plan, urls, Optional.of(announced));
    }

    /**
     * Dials round 1's {@code callees} at once and records each call; round 1's deadline is queued meanwhile (again, on a
     * redial: a repeated deadline changes nothing). A call Twilio refused is given back to the rate guard.
     */
    private AlertOutcome dialRoundOne(Incident incident, List<String> callees, AlertPlan plan, CallbackUrls urls,
                                      Optional<Thread> announced) {
        Instant now = clock.instant();
        int calls = callees.size();
        RoundDialler.Dialled dialled = dialler.dial(incident.id(), incident.message(), 1, callees, List.of(), urls,
                !plan.degraded().contains(AlertOutcome.RATE_UNCHECKED),
                () -> roundTimer.ifPresent(t -> t.roundDialled(incident.id(), 1, calls)));
        List<DialRequest> dials = dialled.dials();
        List<DialResult> results = dialled.results();
        announced.ifPresent(AlertService::awaitQuietly);

        List<PlacedCall> placed = new ArrayList<>();
        List<FailedCall> failed = new ArrayList<>();
        for (int i = 0; i < dials.size(); i++) {
            String to = dials.get(i).to();
            switch (results.get(i)) {
                case DialResult.Placed p -> placed.add(new PlacedCall(to, p.callSid(), p.status()));
                case DialResult.Failed f -> failed.add(new FailedCall(to, f.code(), f.message()));
            }
        }
        if (!placed.isEmpty()) {
            events.callsPlaced(incident, placed.size(), now);
        }
        return new AlertOutcome(incident.id(), incident.conferenceName(), placed, failed, List.copyOf(plan.rejected()),
                List.copyOf(plan.degraded()), plan.schedule(), plan.onCall());
    }

    private static void awaitQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
