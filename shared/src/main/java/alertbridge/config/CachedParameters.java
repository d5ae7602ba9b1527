package alertbridge.config;

import alertbridge.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    public CachedParameters(ParameterSource source, List<String> names, Duration ttl, Clock clock) {
        this.source = source;
        this.names = List.copyOf(names);
        this.ttl = ttl;
        this.clock = clock;
        refresh();
    }

    public synchronized String get(String name) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("parameter not loaded: " + name);
        }
        if (clock.instant().isAfter(fetchedAt.plus(ttl))) {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("parameter_refresh_failed", "error", e.getClass().getSimpleName());
                fetchedAt = clock.instant();
            }
        }
        return values.get(name);
    }

    private void refresh() {
        values = Map.copyOf(source.fetch(names));
        fetchedAt = clock.instant();
    }
}
