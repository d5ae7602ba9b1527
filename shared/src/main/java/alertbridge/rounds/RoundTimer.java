package alertbridge.rounds;

import alertbridge.log.JsonLog;

/**
 * Starts the clock on a round just dialled: its safety deadline ({@link RoundPolicy#deadline}) is queued as an
 * {@link RoundStep.Kind#END} step. Never throws: a round whose deadline could not be queued still ends when its calls
 * do (the call-status callbacks queue a {@link RoundStep.Kind#CHECK}), so a queue failure never blocks a page.
 */
public final class RoundTimer {
    private static final JsonLog LOG = JsonLog.forComponent("rounds");
    private final RoundQueue queue;
    private final RoundPolicy policy;

    public RoundTimer(RoundQueue queue, RoundPolicy policy) {
        this.queue = queue;
        this.policy = policy;
    }

    /** @param calls how many calls the round requested (the deadline grows with Twilio's one call per second) */
    public void roundDialled(String incidentId, int round, int calls) {
        try {
            queue.send(new RoundStep(incidentId, round, RoundStep.Kind.END), policy.deadline(calls));
        } catch (RuntimeException e) {
            LOG.error("round_deadline_not_queued", "incidentId", incidentId, "round", round, "error", e.getClass().getSimpleName());
        }
    }

    /** A call ended or someone joined: the engine looks at the incident now. Never throws. */
    public void check(String incidentId) {
        try {
            queue.send(RoundStep.check(incidentId), java.time.Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.error("round_check_not_queued", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }
}
