package alertbridge.config;

import alertbridge.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameter values read once per container and kept for a while: a warm container costs no SSM call per request,
 * yet a rotated alert token or Twilio auth token is picked up within {@code ttl} without a redeploy.
 * If a refresh fails, the values already held stay in use.
 */
public final class CachedParameters {
    private static final JsonLog LOG = JsonLog.forComponent("config");

    private final ParameterSource source;
    private final List<String> names;
    private final Duration ttl;
    private final Clock clock;
    private Map<String, String> values;
    private Instant fetchedAt;
    /** Parameters read on demand ({@link #find}), absent ones too, each kept for {@code ttl}. */
    private final Map<String, OnDemand> onDemand = new HashMap<>();

    /** The most on-demand names held; past it the cache starts over (requests may name anything). */
    static final int MAX_ON_DEMAND = 256;

    private record OnDemand(Optional<String> value, Instant fetchedAt) {
    }

    public CachedParameters(ParameterSource source, List<String> names, Duration ttl, Clock clock) {
        this.source = source;
        this.names = List.copyOf(names);
        this.ttl = ttl;
        this.clock = clock;
        try {
            refresh();
        } catch (RuntimeException e) {
            // a cold start cannot work without them: say in one line which, and why
            LOG.error("parameters_unavailable_at_start", "names", String.join(",", names), "error", e.getClass().getSimpleName());
            throw e;
        }
    }

    public synchronized String get(String name) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("parameter not loaded: " + name);
        }
        if (clock.instant().isAfter(fetchedAt.plus(ttl))) {
            try {
                refresh();
            } catch (RuntimeException e) {
                // SSM is out: keep serving with the values held (they were good a moment ago), try again after ttl
                LOG.warn("parameter_refresh_failed_using_cached", "names", String.join(",", names), "error", e.getClass().getSimpleName());
                fetchedAt = clock.instant();
            }
        }
        return values.get(name);
    }

    /**
     * A parameter that was not named up front (such as a roster, {@code <path>/teams/sre}), read on first use and
     * kept like the others for {@code ttl}; that it does not exist is kept as well. If a refresh fails, the value
     * already held stays in use; with none held, the failure propagates.
     *
     * @return the value, or empty when SSM has no such parameter
     */
    public synchronized Optional<String> find(String name) {
        if (names.contains(name)) {
            return Optional.ofNullable(get(name));
        }
        OnDemand held = onDemand.get(name);
        if (held == null || clock.instant().isAfter(held.fetchedAt().plus(ttl))) {
            Optional<String> value;
            try {
                value = source.find(name);
            } catch (RuntimeException e) {
                if (held == null) {
                    throw e;
                }
                LOG.warn("parameter_refresh_failed", "error", e.getClass().getSimpleName());
                value = held.value();
            }
            if (held == null && onDemand.size() >= MAX_ON_DEMAND) {
                onDemand.clear();
            }
            held = new OnDemand(value, clock.instant());
            onDemand.put(name, held);
        }
        return held.value();
    }

    /**
     * Reads the named parameters again if they were held past their time (after a SnapStart restore the snapshot's
     * copies may be days old); otherwise nothing. A failed read keeps the values held.
     */
    public void refreshIfStale() {
        if (!names.isEmpty()) {
            get(names.get(0));
        }
    }

    private void refresh() {
        values = Map.copyOf(source.fetch(names));
        fetchedAt = clock.instant();
    }
}
