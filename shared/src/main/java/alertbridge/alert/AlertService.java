package alertbridge.alert;

import alertbridge.alert.AlertOutcome.FailedCall;
import alertbridge.alert.AlertOutcome.PlacedCall;
import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.calls.TextSender;
import alertbridge.incident.Incident;
import alertbridge.incident.LaterCallee;
import alertbridge.incident.JoinRecord;
import alertbridge.log.JsonLog;
import alertbridge.events.IncidentEvents;
import alertbridge.phone.CalleeGuard;
import alertbridge.phone.PhoneNumbers;
import alertbridge.phone.PhoneNumbers.Rejected;
import alertbridge.refusal.Refusal;
import alertbridge.roster.RosterValue;
import alertbridge.rounds.RoundTimer;
import alertbridge.table.DialRecorder;
import alertbridge.table.IncidentStore;
import alertbridge.table.StoreUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
    private final DedupGate dedupGate;
    private final IncidentEvents events;

    /**
     * @param maxCallees    the most numbers one alert dials ({@code MaxCallees}); the rest are reported as rejected
     * @param resolvedTexts when present, a resolve texts everyone whose phone was called for the incident
     *                      (the {@code ResolvedSms} parameter)
     * @param roundTimer    when present, round 1's deadline is queued as its calls go out, so the incident is
     *                      re-dialled if nobody reaches the bridge; empty: everyone is called once
     */
    public AlertService(PhoneNumbers phoneNumbers, CalleeGuards guards, IncidentStore store, CallFanOut fanOut,
                        int maxCallees, Clock clock, Supplier<String> incidentIds, Optional<TextSender> resolvedTexts,
                        Optional<RoundTimer> roundTimer) {
        this(phoneNumbers, guards, store, fanOut, maxCallees, clock, incidentIds, resolvedTexts, roundTimer,
                IncidentEvents.metricsOnly(clock));
    }

    /** @param events the incident's metrics and outgoing events (opened, resolved) */
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
        this.dedupGate = new DedupGate(store, clock);
        this.events = events;
    }

    /**
     * Raises an alert once per dedup key: while the key's incident is open, a repeat joins it and dials nobody.
     * The key is claimed (conditional write) after the numbers are checked and before the incident is stored, so two
     * identical requests at the same moment dial once. The rate guard is asked only after the claim: a repeat neither
     * counts against {@code MaxCallsPerNumberPerHour} nor is refused by it. When no call is placed, the key is given up
     * again, so the sender's retry dials afresh.
     *
     * @param urls where Twilio requests TwiML and reports progress for the incident's calls
     * @return {@link AlertResult.Opened} or {@link AlertResult.Deduplicated}
     * @throws Refusal 400 when no number can be called
     */
    public AlertResult raise(AlertRequest request, Optional<String> dedupKey, CallbackUrls urls) {
        PhoneNumbers.Normalised numbers = phoneNumbers.normalise(request.to());
        List<Rejected> rejected = new ArrayList<>(numbers.rejected());
        request.rosterProblems().forEach(problem -> rejected.add(new Rejected("(roster)", problem)));
        List<String> callees = allowed(numbers.valid(), guards.policy(), rejected);
        List<LaterCallee> later = later(request.later(), callees, rejected);
        if (callees.size() + later.size() > maxCallees) {
            String reason = "over the limit of " + maxCallees + " callees per alert (MaxCallees)";
            int keepLater = Math.max(0, maxCallees - callees.size());
            later.subList(keepLater, later.size()).forEach(extra -> rejected.add(new Rejected(extra.to(), reason)));
            later = later.subList(0, keepLater);
            if (callees.size() > maxCallees) {
                callees.subList(maxCallees, callees.size()).forEach(extra -> rejected.add(new Rejected(extra, reason)));
                callees = callees.subList(0, maxCallees);
            }
        }
        if (callees.isEmpty()) {
            throw noneCallable(rejected);
        }

        String incidentId = incidentIds.get();
        Instant now = clock.instant();
        Plan plan = new Plan(callees, later, rejected, new ArrayList<>(), request.teams(), request.onCall(), request.schedule());
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
            dedupGate.deferClaim(dedupKey.get(), incidentId, now);
            return new AlertResult.Opened(open(incidentId, now, request.message(), plan, urls));
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
            dedupGate.markDialled(incidentId, outcome.calls().size()); // before a release: waiting repeats read it
            if (outcome.calls().isEmpty()) {
                store.dedup().release(dedupKey.get(), incidentId);
            }
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
     * Whom an alert calls: round 1's numbers, those added in later rounds, the numbers refused so far, and what could
     * not be done for want of the table.
     */
    private record Plan(List<String> firstRound, List<LaterCallee> later, List<Rejected> rejected, List<String> degraded,
                        List<String> teams, List<String> onCall, Optional<String> schedule) {
    }

    /**
     * The later tiers' numbers, validated and guarded like round 1's (each reported with its round when refused); one
     * already called in round 1, or listed twice, is kept once, at its earliest round.
     */
    private List<LaterCallee> later(List<RosterValue.Member> members, List<String> firstRound, List<Rejected> rejected) {
        List<LaterCallee> later = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(firstRound);
        for (RosterValue.Member member : members.stream().sorted(java.util.Comparator.comparingInt(RosterValue.Member::fromRound)).toList()) {
            PhoneNumbers.Normalised n = phoneNumbers.normalise(List.of(member.number()));
            n.rejected().forEach(r -> rejected.add(new Rejected(r.to(), r.reason() + " (round " + member.fromRound() + ")")));
            for (String valid : n.valid()) {
                Optional<String> refusal = guards.policy().refusal(valid);
                if (refusal.isPresent()) {
                    rejected.add(new Rejected(valid, refusal.get() + " (round " + member.fromRound() + ")"));
                } else if (seen.add(valid)) {
                    later.add(new LaterCallee(valid, member.fromRound()));
                }
            }
        }
        return later;
    }

    /** Asks the rate guard, stores the incident and dials everyone it allows; round 1's deadline is queued meanwhile. */
    private AlertOutcome open(String incidentId, Instant now, String message, Plan plan, CallbackUrls urls) {
        List<Rejected> rejected = plan.rejected();
        List<String> callees;
        try {
            callees = allowed(plan.firstRound(), guards.rate(), rejected);
        } catch (StoreUnavailable e) {
            LOG.error("rate_guard_unchecked", "incidentId", incidentId, "error", e.getMessage());
            plan.degraded().add(AlertOutcome.RATE_UNCHECKED);
            callees = plan.firstRound();
        }
        if (callees.isEmpty()) {
            throw noneCallable(rejected);
        }
        Incident incident = Incident.open(incidentId, message, now, callees.size() + plan.later().size(), plan.teams(), plan.onCall());
        try {
            store.incidents().create(incident, plan.later()); // deferred when the table is down and a write-behind is set
        } catch (StoreUnavailable e) {
            LOG.error("incident_not_recorded", "incidentId", incidentId, "error", e.getMessage());
            plan.degraded().add(AlertOutcome.NOT_RECORDED);
        }
        LOG.info("incident_created", "incidentId", incident.id(), "callees", callees.size(), "later", plan.later().size(),
                "rejected", rejected.size());
        int calls = callees.size();
        Optional<Thread> timer = roundTimer.map(t -> Thread.ofVirtual().start(() -> t.roundDialled(incident.id(), 1, calls)));
        Thread announced = events.openedInBackground(incident); // queued while the calls go out, as the timer is

        List<DialRequest> dials = fanOut.requests(callees, incident.id(), message, urls);
        List<DialResult> results;
        try (DialRecorder records = new DialRecorder(store.callees(), incident.id(), 1, clock)) {
            results = fanOut.dialAll(dials, (dial, result) -> records.record(dial.to(), result));
        }
        timer.ifPresent(AlertService::awaitQuietly);
        awaitQuietly(announced);

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
        return new AlertOutcome(incident.id(), incident.conferenceName(), placed, failed, List.copyOf(rejected),
                List.copyOf(plan.degraded()), plan.schedule(), plan.onCall());
    }

    private static void awaitQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Refusal noneCallable(List<Rejected> rejected) {
        return Refusal.invalid("no_valid_numbers", "none of the numbers can be called: "
                + rejected.stream().map(r -> "'" + r.to() + "' (" + r.reason() + ")").collect(Collectors.joining("; ")));
    }

    /**
     * The numbers {@code guard} allows (asked about all of them at once); each refused one is added to {@code rejected}
     * with the guard's reason. A failure to ask (e.g. {@link StoreUnavailable}) is the caller's to decide: an outage
     * skips the rate guard, and says so.
     */
    private static List<String> allowed(List<String> numbers, CalleeGuard guard, List<Rejected> rejected) {
        List<Optional<String>> refusals = guard.refusals(numbers);
        List<String> allowed = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            refusals.get(i).ifPresentOrElse(reason -> rejected.add(new Rejected(number, reason)), () -> allowed.add(number));
        }
        return allowed;
    }
}
