package alertbridge.checks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where checks are kept (the incidents table: {@code alertbridge.table.Checks}). Every write is conditional. */
public interface CheckStore {
    Optional<Check> find(String name);

    /** The name of the check a ping key belongs to. */
    Optional<String> nameForKey(String pingKey);

    /** Every check, by name. */
    List<Check> all();

    /** @return false when a check of that name exists */
    boolean create(Check check);

    /**
     * Writes {@code next} (its version bumped) if the stored check is still at {@code next.version()}.
     *
     * @return false when another write came first
     */
    boolean replace(Check next);

    /** @return false when the stored check is no longer at {@code check.version()} (or is gone) */
    boolean delete(Check check);

    /** The names of checks whose deadline is at or before {@code now} (an index: may lag a write a little). */
    List<String> due(Instant now);

    /** Keeps one ping with the body the job sent (bounded), for the diagnostics of {@code GET /checks/{name}}. */
    void recordPing(String name, Ping ping, String body);

    /** The most recent pings kept, newest first. */
    List<PingRecord> recentPings(String name, int limit);

    record PingRecord(Ping ping, String body) {
    }
}
