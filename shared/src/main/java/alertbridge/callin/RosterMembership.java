package alertbridge.callin;

import alertbridge.config.JitteredBackoff;
import alertbridge.config.ParameterSource;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneNumbers;
import alertbridge.roster.RosterValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a number is on any roster: every parameter under {@code <ParameterPath>/teams}, every tier of it, each
 * number normalised to E.164 as an alert would dial it. Read on first use and kept for the parameter cache time, so
 * a warm container asks SSM at most once per {@code ttl}; if a refresh fails (SSM throttles or errs), the numbers
 * already held stay in use, and the first read, with nothing held, is tried again within a second.
 */
public final class RosterMembership {
    private static final JsonLog LOG = JsonLog.forComponent("call-in");

    private final Optional<String> teamsPath;
    private final ParameterSource source;
    private final PhoneNumbers numbers;
    private final Duration ttl;
    private final Clock clock;
    private Set<String> held;
    private Instant readAt;

    /**
     * @param teamsPath SSM path of the rosters ({@code TEAMS_PARAM_PATH}); empty: no rosters, so nobody is on one
     * @param numbers   normalises roster entries and callers ({@code DEFAULT_REGION} for numbers without +)
     */
    public RosterMembership(Optional<String> teamsPath, ParameterSource source, PhoneNumbers numbers, Duration ttl, Clock clock) {
        this.teamsPath = teamsPath;
        this.source = source;
        this.numbers = numbers;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * @param number a caller's number as Twilio gives it ({@code From}); a withheld or invalid one is on no roster
     * @throws RuntimeException when the rosters cannot be read and none are held yet
     */
    public boolean includes(String number) {
        List<String> valid = number == null ? List.of() : numbers.normalise(List.of(number)).valid();
        return !valid.isEmpty() && members().contains(valid.getFirst());
    }

    private synchronized Set<String> members() {
        if (teamsPath.isEmpty()) {
            return Set.of();
        }
        if (held == null) {
            held = readWithRetry(teamsPath.get()); // nothing to serve meanwhile: a throttled read is tried again
            readAt = clock.instant();
        } else if (clock.instant().isAfter(readAt.plus(ttl))) {
            try {
                held = read(teamsPath.get());
            } catch (RuntimeException e) {
                LOG.warn("rosters_refresh_failed", "error", e.getClass().getSimpleName()); // the numbers held stay in use
            }
            readAt = clock.instant();
        }
        return held;
    }

    /** The first read, tried again after a jittered pause ({@link JitteredBackoff#THROTTLING}: 3 attempts within 1 s). */
    private Set<String> readWithRetry(String path) {
        RuntimeException last = null;
        for (JitteredBackoff.Attempts attempts = JitteredBackoff.THROTTLING.attempts(); attempts.next(); ) {
            try {
                return read(path);
            } catch (RuntimeException e) {
                LOG.warn("rosters_read_failed", "attempt", attempts.made(), "error", e.getClass().getSimpleName());
                last = e;
            }
        }
        throw last;
    }

    private Set<String> read(String path) {
        Map<String, String> rosters = source.under(path);
        Set<String> members = new HashSet<>();
        for (Map.Entry<String, String> roster : rosters.entrySet()) {
            RosterValue value = RosterValue.parse(roster.getValue());
            PhoneNumbers.Normalised normalised = numbers.normalise(value.numbers());
            members.addAll(normalised.valid());
            int skipped = normalised.rejected().size() + value.problems().size();
            if (skipped > 0) { // which entries is not logged: a roster's value is personal data
                LOG.warn("roster_entries_skipped", "roster", roster.getKey().substring(roster.getKey().lastIndexOf('/') + 1),
                        "skipped", skipped);
            }
        }
        LOG.info("rosters_read", "rosters", rosters.size(), "numbers", members.size());
        return Set.copyOf(members);
    }
}
