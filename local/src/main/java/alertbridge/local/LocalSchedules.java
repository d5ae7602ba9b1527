package alertbridge.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A local stand-in for EventBridge Scheduler's {@code rate(...)} schedules ({@code Type: ScheduleV2}): each scheduled
 * function's real handler is invoked on a timer, with the empty event the scheduler sends. In AWS the check-in
 * detector runs every minute; locally every {@link #interval} (a few seconds, shorter when the simulator runs
 * faster), so tests can use short check periods. {@link #awaitRuns} lets a test wait for runs that started after a
 * moment it chose, rather than sleep for "a few" periods.
 */
public final class LocalSchedules implements AutoCloseable {
    /** A scheduled function and how to build its handler (one container, as one run a minute needs). */
    public record Scheduled(SamTemplate.Function function,
                            Supplier<RequestHandler<Map<String, Object>, Map<String, Object>>> container) {
    }

    private final List<Thread> timers = new ArrayList<>();
    /** Runs started, and runs finished (either way), of every scheduled function together. */
    private long started;
    private long finished;
    private volatile boolean closed;

    public LocalSchedules(List<Scheduled> scheduled, double speed) {
        Duration every = interval(speed);
        for (Scheduled s : scheduled) {
            timers.add(Thread.ofVirtual().name("schedule-" + s.function().logicalId()).start(() -> run(s, every)));
        }
    }

    /** A minute times the simulator's speed factor, between half a second and five seconds. */
    static Duration interval(double speed) {
        long millis = (long) (60_000 * speed);
        return Duration.ofMillis(Math.max(500, Math.min(5_000, millis)));
    }

    private void run(Scheduled s, Duration every) {
        RequestHandler<Map<String, Object>, Map<String, Object>> handler = null;
        while (!closed) {
            try {
                Thread.sleep(every);
                if (handler == null) {
                    handler = s.container().get();
                }
                runStarts();
                try {
                    handler.handleRequest(Map.of(), null);
                } finally {
                    runEnds();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // as in AWS: this run failed, the next one comes on time
                System.err.println("{\"level\":\"ERROR\",\"component\":\"local-schedules\",\"event\":\"scheduled_run_failed\","
                        + "\"function\":\"" + s.function().logicalId() + "\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        }
    }

    private synchronized void runStarts() {
        started++;
    }

    private synchronized void runEnds() {
        finished++;
        notifyAll();
    }

    /**
     * Waits until {@code runs} scheduled runs that start after this call have finished (successfully or not).
     *
     * @throws AssertionError when they have not within {@code timeout}
     */
    public synchronized void awaitRuns(int runs, Duration timeout) throws InterruptedException {
        long from = started; // a run already going does not count: it may have read the table before the caller's change
        long end = System.nanoTime() + timeout.toNanos();
        while (finished < from + runs || started < from + runs) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(runs + " scheduled runs did not finish within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        closed = true;
        timers.forEach(Thread::interrupt);
    }
}
