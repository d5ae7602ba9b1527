package alertbridge.table;

import alertbridge.calls.DialResult;
import alertbridge.calls.GroupCommit;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import java.time.Clock;

/**
 * Records one round's dials as they finish: each is logged at once (masked number) and its {@code CALLEE#} item is
 * written by {@link GroupCommit}, so fifty dials that Twilio answers together cost a few table requests, not fifty, and
 * none waits for the slowest dial. A record the table cannot take goes to the write-behind (if configured); one
 * that is lost even so is logged with the incident, and the call stands (Twilio's callbacks for it are still recorded).
 * {@link #close} waits until every record is written.
 */
public final class DialRecorder implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.forComponent("dial-records");
    private final String incidentId;
    private final int round;
    private final Clock clock;
    private final GroupCommit<CalleeRecords.Dialled> writes;

    public DialRecorder(CalleeRecords records, String incidentId, int round, Clock clock) {
        this.incidentId = incidentId;
        this.round = round;
        this.clock = clock;
        this.writes = new GroupCommit<>(BatchPuts.MAX_BATCH, batch -> {
            try {
                records.recordCalls(incidentId, batch);
            } catch (RuntimeException e) {
                LOG.error("call_record_failed", "incidentId", incidentId, "round", round, "calls", batch.size(),
                        "error", e.getClass().getSimpleName());
            }
        });
    }

    /** Logs and records what Twilio said to the request to call {@code to}. */
    public void record(String to, DialResult result) {
        switch (result) {
            case DialResult.Placed p -> LOG.info("call_placed", "incidentId", incidentId, "round", round,
                    "to", PhoneMask.mask(to), "callSid", p.callSid(), "status", p.status());
            case DialResult.Failed f -> LOG.warn("call_failed", "incidentId", incidentId, "round", round,
                    "to", PhoneMask.mask(to), "code", f.code());
        }
        writes.add(new CalleeRecords.Dialled(to, round, result, clock.instant()));
    }

    @Override
    public void close() {
        writes.close();
    }
}
