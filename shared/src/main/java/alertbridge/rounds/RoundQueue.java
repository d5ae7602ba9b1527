package alertbridge.rounds;

import java.time.Duration;

/** Where round steps wait until they are due (an SQS queue with per-message timers in AWS). */
public interface RoundQueue {
    /** The longest a step can wait: SQS's per-message timer limit. */
    Duration MAX_DELAY = Duration.ofSeconds(900);

    /**
     * Delivers {@code step} to the engine after {@code delay} (at most {@link #MAX_DELAY}), at least once.
     *
     * @throws RuntimeException when the step could not be queued
     */
    void send(RoundStep step, Duration delay);
}
