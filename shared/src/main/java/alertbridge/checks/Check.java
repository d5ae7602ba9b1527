package alertbridge.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A check-in as stored: what it is ({@link CheckSpec}), its secret ping key, and where it stands. Immutable; the
 * transitions ({@link CheckTransitions}) return a new value.
 *
 * @param since       when the current state began (the last success for UP, the start for STARTED, the miss or the
 *                    failure for DOWN, the creation for NEW)
 * @param lastSuccess the last successful ping
 * @param incidentId  while DOWN: the incident that paged for it, once one was opened
 * @param pageTried   while DOWN without an incident: when a page was last tried (it is tried again a minute later)
 * @param version     bumped by every write; each write is conditional on the version it read
 */
public record Check(CheckSpec spec, String pingKey, CheckState state, Instant created, Instant since,
                    Optional<Ping> lastPing, Optional<Instant> lastSuccess, Optional<String> incidentId,
                    Optional<Instant> pageTried, long version) {
    /** How long after a page that opened no incident (no call placed, a roster missing) it is tried again. */
    public static final Duration PAGE_RETRY = Duration.ofMinutes(1);

    public static Check created(CheckSpec spec, String pingKey, Instant now) {
        return new Check(spec, pingKey, CheckState.NEW, now, now, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
    }

    public String name() {
        return spec.name();
    }

    /** The dedup key its incident is raised under, so a down check pages once. */
    public String dedupKey() {
        return "check:" + spec.name();
    }

    /**
     * When the detector must look at this check next: the schedule's next time after the last success (or the
     * creation) plus grace; grace after a start; while down, only until a page opened an incident.
     */
    public Optional<Instant> deadline() {
        return switch (state) {
            case NEW -> Optional.of(spec.schedule().nextAfter(created).plus(spec.grace()));
            case UP -> Optional.of(spec.schedule().nextAfter(lastSuccess.orElse(since)).plus(spec.grace()));
            case STARTED -> Optional.of(since.plus(spec.grace()));
            case DOWN -> incidentId.isPresent() ? Optional.empty() : Optional.of(pageTried.orElse(since).plus(PAGE_RETRY));
        };
    }

    /** The same check described anew ({@code PUT} of an existing name): its key and state are kept. */
    public Check respecified(CheckSpec newSpec) {
        return new Check(newSpec, pingKey, state, created, since, lastPing, lastSuccess, incidentId, pageTried, version);
    }

    Check next(CheckState newState, Instant newSince, Optional<Ping> ping, Optional<Instant> success,
               Optional<String> incident, Optional<Instant> tried) {
        return new Check(spec, pingKey, newState, created, newSince, ping, success, incident, tried, version);
    }

    /** Down, and an incident is paging for it. */
    public Check paged(String incident) {
        return next(state, since, lastPing, lastSuccess, Optional.of(incident), Optional.empty());
    }

    /** Down, and the page just tried opened no incident: tried again {@link #PAGE_RETRY} after {@code at}. */
    public Check pageFailed(Instant at) {
        return next(state, since, lastPing, lastSuccess, Optional.empty(), Optional.of(at));
    }
}
