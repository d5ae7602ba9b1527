package alertbridge.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Calls per number and UTC clock hour, across incidents ({@code RATE#<e164>} / {@code <yyyy-MM-ddTHH>}, attribute
 * {@code calls}): {@code UpdateItem ADD calls 1} with the condition {@code calls < max}, so concurrent callers cannot
 * overshoot and a refused call is not counted.
 */
public final class RateCounters {
    /** Counter items outlive their hour a little (DynamoDB's TTL deletes within days anyway). */
    private static final Duration KEEP = Duration.ofHours(2);

    private final IncidentTable table;

    RateCounters(IncidentTable table) {
        this.table = table;
    }

    /**
     * Counts one call to {@code e164} in the hour starting at {@code hour}, unless {@code max} calls were counted already.
     *
     * @return true if counted, false if the hour's count is at {@code max} (nothing counted)
     */
    public boolean countIfBelow(String e164, Instant hour, int max) {
        return table.countIfBelow(IncidentTable.rate(e164, hour), "calls", max, hour.plus(KEEP));
    }
}
