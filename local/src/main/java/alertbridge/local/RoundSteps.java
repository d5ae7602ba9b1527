package alertbridge.local;

import alertbridge.queue.SqsRoundQueue;
import alertbridge.rounds.RoundStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a test can observe of the rounds queue, so that "nothing happened" is asserted after the deadline provably
 * passed rather than after a blind wait: every step the handlers queue ({@link ScaledQueueTimers} sees the
 * {@code SendMessage}), every step the rounds function finished ({@link LocalQueues} deleted it, as Lambda's event
 * source mapping does after a successful invocation) and every delivery of a step it failed (the message stays
 * queued, delivered again later: a deadline taken while the table is down). Test support only: the functions never
 * see it.
 */
public final class RoundSteps {
    private final String queueUrl;
    private final List<RoundStep> queued = new ArrayList<>();
    private final List<RoundStep> processed = new ArrayList<>();
    private final List<RoundStep> failed = new ArrayList<>();

    RoundSteps(String queueUrl) {
        this.queueUrl = queueUrl;
    }

    /** A handler sent {@code body} to {@code url}; noted when it is the rounds queue and a round step. */
    void queued(String url, String body) {
        note(queued, url, body);
    }

    /** The rounds function took {@code body} and succeeded (the message was deleted). */
    void processed(String url, String body) {
        note(processed, url, body);
    }

    /** The rounds function took {@code body} and failed: it stays in the queue, delivered again later. */
    void failed(String url, String body) {
        note(failed, url, body);
    }

    /** Notes {@code body} in {@code list} when it went to the rounds queue and is a round step. */
    private void note(List<RoundStep> list, String url, String body) {
        if (queueUrl.equals(url)) {
            SqsRoundQueue.parse(body).ifPresent(step -> record(list, step));
        }
    }

    private synchronized void record(List<RoundStep> list, RoundStep step) {
        list.add(step);
        notifyAll();
    }

    /** The steps of an incident the rounds function finished so far, in order. */
    public synchronized List<RoundStep> processed(String incidentId) {
        return of(processed, incidentId);
    }

    /** The steps of an incident the rounds function failed so far, once per failed delivery, in order. */
    public synchronized List<RoundStep> failed(String incidentId) {
        return of(failed, incidentId);
    }

    /** How many steps of an incident were queued and are not finished yet (due later, or being taken). */
    public synchronized int pending(String incidentId) {
        return count(queued, incidentId) - count(processed, incidentId);
    }

    private static int count(List<RoundStep> list, String incidentId) {
        return of(list, incidentId).size();
    }

    /** The steps of an incident in {@code list}, in order (the caller holds the lock). */
    private static List<RoundStep> of(List<RoundStep> list, String incidentId) {
        return list.stream().filter(s -> s.incidentId().equals(incidentId)).toList();
    }

    /**
     * Waits until the rounds function has finished the step {@code kind} of {@code round} of an incident (e.g. round
     * N's deadline, {@link RoundStep.Kind#END}), and then until no step of that incident is left in the queue: what
     * that step queued in turn (a next round's DIAL, after the redial delay) has been taken too. After this, the
     * rounds of the incident have done all they were going to do, unless a call's callback queues another CHECK.
     *
     * @throws AssertionError when that does not happen within {@code timeout}
     */
    public void awaitSettledAfter(String incidentId, RoundStep.Kind kind, int round, Duration timeout) {
        awaitProcessed(incidentId, s -> s.kind() == kind && s.round() == round, timeout);
        await(() -> pending(incidentId) <= 0, timeout,
                () -> "steps of " + incidentId + " still queued: " + pending(incidentId) + "; finished: " + processed(incidentId));
    }

    /** Waits until the rounds function has finished a step of the incident that matches. */
    public RoundStep awaitProcessed(String incidentId, Predicate<RoundStep> step, Duration timeout) {
        return awaitIn(this::processed, "finished", incidentId, step, timeout);
    }

    /**
     * Waits until the rounds function has failed a delivery of a step of the incident that matches (it stays queued):
     * e.g. a round's deadline came while the table was down, and nothing it would have done was done.
     */
    public RoundStep awaitFailed(String incidentId, Predicate<RoundStep> step, Duration timeout) {
        return awaitIn(this::failed, "failed", incidentId, step, timeout);
    }

    private RoundStep awaitIn(java.util.function.Function<String, List<RoundStep>> steps, String what, String incidentId,
                              Predicate<RoundStep> step, Duration timeout) {
        await(() -> steps.apply(incidentId).stream().anyMatch(step), timeout,
                () -> "no such step of " + incidentId + " " + what + "; " + what + ": " + steps.apply(incidentId)
                        + "; queued: " + queued(incidentId));
        return steps.apply(incidentId).stream().filter(step).findFirst().orElseThrow();
    }

    private synchronized void await(java.util.function.BooleanSupplier done, Duration timeout,
                                    java.util.function.Supplier<String> why) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(why.get());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + why.get(), e);
            }
        }
    }

    /** For a test's message when a step was expected: the steps of the incident queued so far. */
    public synchronized List<RoundStep> queued(String incidentId) {
        return queued.stream().filter(s -> s.incidentId().equals(incidentId)).toList();
    }
}
