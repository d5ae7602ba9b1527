package alertbridge.checks;

import alertbridge.concurrent.AllAtOnce;
import alertbridge.config.JitteredBackoff;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Check-ins: manage checks, take pings, and find the checks that missed their deadline. A state change is written
 * first, conditional on the version read, and only the writer that won pages or resolves: concurrent pings and
 * overlapping detector runs page once.
 */
public final class CheckService {
    private static final JsonLog LOG = JsonLog.forComponent("checks");
    /** How many checks one deployment keeps (one query lists them all). */
    public static final int MAX_CHECKS = 500;
    /** The most of a ping's body kept as diagnostics. */
    public static final int MAX_BODY_CHARS = 4096;

    private final CheckStore store;
    private final CheckPager pager;
    private final CheckSentences sentences;
    private final Clock clock;
    private final Supplier<String> pingKeys;
    private final JitteredBackoff contention;

    /** @param contention the waits between a lost conditional write and the next read (concurrent pings, PUTs) */
    public CheckService(CheckStore store, CheckPager pager, CheckSentences sentences, Clock clock, Supplier<String> pingKeys,
                        JitteredBackoff contention) {
        this.contention = contention;
        this.store = store;
        this.pager = pager;
        this.sentences = sentences;
        this.clock = clock;
        this.pingKeys = pingKeys;
    }

    /** A check made or described anew, and whether it is new. */
    public record Saved(Check check, boolean created) {
    }

    /** Makes the check, or changes what an existing one is (its ping key and state are kept). */
    public Saved put(CheckSpec spec) {
        pager.verify(spec); // a check that could never page is refused now, not discovered at 3 a.m.
        for (JitteredBackoff.Attempts attempts = contention.attempts(); attempts.next(); ) {
            Optional<Check> existing = store.find(spec.name());
            if (existing.isPresent()) {
                Check next = existing.get().respecified(spec);
                if (store.replace(next)) {
                    LOG.info("check_updated", "check", spec.name());
                    return new Saved(next, false);
                }
            } else {
                if (store.all().size() >= MAX_CHECKS) {
                    throw Refusal.invalid("too_many_checks", "a deployment keeps at most " + MAX_CHECKS + " checks");
                }
                Check made = Check.created(spec, pingKeys.get(), clock.instant());
                if (store.create(made)) {
                    LOG.info("check_created", "check", spec.name());
                    return new Saved(made, true);
                }
            }
        }
        throw busy(spec.name());
    }

    public List<Check> list() {
        return store.all();
    }

    public Check get(String name) {
        return store.find(name).orElseThrow(() -> unknown(name));
    }

    public List<CheckStore.PingRecord> recentPings(String name, int limit) {
        return store.recentPings(name, limit);
    }

    /** Deletes the check and its ping key; an incident open for it is resolved (nobody is paged for a deleted job). */
    public void delete(String name) {
        for (JitteredBackoff.Attempts attempts = contention.attempts(); attempts.next(); ) {
            Check check = store.find(name).orElseThrow(() -> unknown(name));
            if (store.delete(check)) {
                LOG.info("check_deleted", "check", name);
                if (check.state() == CheckState.DOWN) {
                    pager.resolve(check, sentences.up(check));
                }
                return;
            }
        }
        throw busy(name);
    }

    /**
     * A ping from the job: {@code suffix} is what followed the key (empty, {@code start}, {@code fail}, an exit
     * status). A success resolves a down check before it is marked up, so a resolve that fails leaves it down and
     * the job's retry resolves it; a failure is marked down first, then pages.
     *
     * @throws Refusal 400 for an unknown suffix, 404 for an unknown key
     */
    public Check ping(String pingKey, String suffix, String body) {
        Ping ping;
        try {
            ping = Ping.of(suffix, clock.instant());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_ping", e.getMessage());
        }
        String name = (PingKeys.isWellFormed(pingKey) ? store.nameForKey(pingKey) : Optional.<String>empty())
                .orElseThrow(() -> Refusal.notFound("unknown_ping_key", "no check has this ping key; GET /checks shows each pingUrl"));
        Optional<CheckTransitions.Outcome> stored = transition(name, check -> {
            CheckTransitions.Outcome outcome = CheckTransitions.ping(check, ping);
            if (outcome.effect() == CheckTransitions.Effect.RESOLVE) {
                pager.resolve(check, sentences.up(check)); // idempotent: a retry after a lost write finds nothing open
            }
            return outcome;
        });
        try {
            store.recordPing(name, ping, body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body);
        } catch (RuntimeException e) { // the state is written; the diagnostics are only kept when they can be
            LOG.warn("ping_not_kept", "check", name, "error", e.getClass().getSimpleName());
        }
        LOG.info("check_pinged", "check", name, "kind", ping.kind().id(), "state",
                stored.map(o -> o.check().state().id()).orElse("unknown"));
        stored.filter(o -> o.effect() == CheckTransitions.Effect.PAGE).ifPresent(o -> page(o.check(), ping.at()));
        return stored.map(CheckTransitions.Outcome::check).orElseGet(() -> get(name));
    }

    /** What one detector run did. */
    public record Detection(int due, int paged) {
    }

    /** Every check past its deadline goes down and pages (each on its own thread); overlapping runs page once. */
    public Detection detect() {
        Instant now = clock.instant();
        List<String> due = store.due(now);
        List<Boolean> paged = AllAtOnce.map(due, name -> {
            Optional<CheckTransitions.Outcome> stored = transition(name, check -> CheckTransitions.detect(check, now));
            if (stored.isPresent() && stored.get().effect() == CheckTransitions.Effect.PAGE) {
                page(stored.get().check(), now);
                return true;
            }
            return false;
        }, e -> {
            LOG.error("check_detection_failed", "error", e.getClass().getSimpleName());
            return false;
        });
        int count = (int) paged.stream().filter(p -> p).count();
        if (!due.isEmpty()) {
            LOG.info("checks_detected", "due", due.size(), "paged", count);
        }
        return new Detection(due.size(), count);
    }

    /**
     * Reads the check, applies {@code change}, and writes the result if nobody wrote in between (else reads and
     * applies again, after a jittered pause: {@link JitteredBackoff}).
     *
     * @return the outcome this call stored; empty when the check is gone or the change left it as it was
     */
    private Optional<CheckTransitions.Outcome> transition(String name, Function<Check, CheckTransitions.Outcome> change) {
        for (JitteredBackoff.Attempts attempts = contention.attempts(); attempts.next(); ) {
            Optional<Check> check = store.find(name);
            if (check.isEmpty()) {
                return Optional.empty();
            }
            CheckTransitions.Outcome outcome = change.apply(check.get());
            if (!outcome.changes(check.get())) {
                return Optional.empty();
            }
            if (store.replace(outcome.check())) {
                return Optional.of(outcome);
            }
        }
        throw busy(name);
    }

    /** Every attempt lost to another writer of the same check: 409, the same request again may succeed. */
    private static Refusal busy(String name) {
        LOG.warn("check_contended", "check", name);
        return Refusal.conflict("check_busy", "the check was being changed by other requests at the same time; send it again");
    }

    /** Pages for a check just marked down, and records the incident (a failed page is tried again a minute later). */
    private void page(Check down, Instant at) {
        Optional<String> incident;
        try {
            incident = pager.page(down, sentences.down(down, at));
        } catch (RuntimeException e) {
            LOG.error("check_page_failed", "check", down.name(), "error", e.getClass().getSimpleName());
            incident = Optional.empty();
        }
        if (incident.isEmpty()) {
            LOG.error("check_not_paged", "check", down.name(), "retryInSeconds", Check.PAGE_RETRY.toSeconds());
            return;
        }
        String id = incident.get();
        LOG.info("check_paged", "check", down.name(), "incidentId", id);
        transition(down.name(), check -> check.state() == CheckState.DOWN && check.incidentId().isEmpty()
                ? new CheckTransitions.Outcome(check.paged(id), CheckTransitions.Effect.NONE)
                : new CheckTransitions.Outcome(check, CheckTransitions.Effect.NONE));
        // a success that came while the page was being placed found no incident to resolve: resolve it now
        if (store.find(down.name()).map(Check::state).orElse(CheckState.UP) != CheckState.DOWN) {
            LOG.info("check_recovered_while_paging", "check", down.name(), "incidentId", id);
            pager.resolve(down, sentences.up(down));
        }
    }

    private static Refusal unknown(String name) {
        return Refusal.notFound("unknown_check", "there is no check named " + name);
    }
}
