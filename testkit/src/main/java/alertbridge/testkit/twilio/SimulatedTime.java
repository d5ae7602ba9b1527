package alertbridge.testkit.twilio;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's clock: every delay is multiplied by {@code speed} (1.0 is real time; 0.05 runs twenty times
 * faster), and every wait ends when the simulator stops, or when the call it belongs to is hung up through the REST
 * API ({@link CallLine}).
 */
final class SimulatedTime {
    private final double speed;
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** One latch per wait going on, counted down when the simulator stops. */
    private final Set<CountDownLatch> waits = ConcurrentHashMap.newKeySet();

    SimulatedTime(double speed) {
        this.speed = speed;
    }

    double speed() {
        return speed;
    }

    boolean stopped() {
        return stopping.getCount() == 0;
    }

    /**
     * Waits {@code seconds} of simulated time in a call.
     *
     * @throws CallLine.HungUp      when the call is (or was already) hung up through the REST API
     * @throws InterruptedException when the simulator stops meanwhile
     */
    void pause(double seconds, CallLine line) throws InterruptedException {
        await(Math.round(seconds * 1000 * speed), line);
    }

    /** Waits {@code duration} of real time in a call (whatever the speed), ending early as {@link #pause} does. */
    void pauseReal(Duration duration, CallLine line) throws InterruptedException {
        await(duration.toMillis(), line);
    }

    /** Waits until the simulator stops (a callee who stays on the bridge) or the call is hung up. */
    void untilStopped(CallLine line) throws InterruptedException {
        await(-1, line);
    }

    /** @param millis how long; negative for as long as it takes */
    private void await(long millis, CallLine line) throws InterruptedException {
        CountDownLatch wake = new CountDownLatch(1);
        waits.add(wake);
        line.wakeOnHangUp(wake);
        try {
            if (!stopped()) {
                if (millis < 0) {
                    wake.await();
                } else if (millis > 0) {
                    wake.await(millis, TimeUnit.MILLISECONDS);
                }
            }
            if (stopped()) {
                throw new InterruptedException("simulator stopping");
            }
            line.throwIfHungUp();
        } finally {
            waits.remove(wake);
            line.forget(wake);
        }
    }

    void stop() {
        stopping.countDown();
        waits.forEach(CountDownLatch::countDown);
    }
}
