package alertbridge.testkit.twilio;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's clock: every delay is multiplied by {@code speed} (1.0 is real time; 0.05 runs twenty times
 * faster), and every wait ends when the simulator stops.
 */
final class SimulatedTime {
    private final double speed;
    private final CountDownLatch stopping = new CountDownLatch(1);

    SimulatedTime(double speed) {
        this.speed = speed;
    }

    double speed() {
        return speed;
    }

    /** Waits {@code seconds} of simulated time. @throws InterruptedException when the simulator stops meanwhile */
    void pause(double seconds) throws InterruptedException {
        long millis = Math.round(seconds * 1000 * speed);
        if (millis > 0 && stopping.await(millis, TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("simulator stopping");
        }
    }

    /** Waits until the simulator stops (a callee who stays on the bridge). */
    void untilStopped() throws InterruptedException {
        stopping.await();
    }

    void stop() {
        stopping.countDown();
    }
}
