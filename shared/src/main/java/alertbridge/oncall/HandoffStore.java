package alertbridge.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where handoff notices are kept track of: each scheduled team's next change on the due index, and one claim per
 * change so a notice goes out once however many tickers run.
 */
public interface HandoffStore {
    /** A team whose on-call set changes at {@code change}: its notice, or its reminder ({@code remindMinutes} before). */
    record Due(String team, Instant change, boolean reminder) {
    }

    /** Puts the team's next change on the due index (empty: none to wait for), and its reminder when {@code remind > 0}. */
    void scheduleHandoff(String team, Optional<Instant> next, Duration remind);

    /** Notices (and reminders) due at or before {@code now}. */
    List<Due> due(Instant now);

    /** @return true for the one caller that claims the notice (or reminder) of {@code change} */
    boolean claim(String team, Instant change, boolean reminder);

    /** @return false when the team's next change is no longer {@code expected} (another ticker moved it) */
    boolean reschedule(String team, boolean reminder, Instant expected, Optional<Instant> next, Duration remind);
}
