package alertbridge.config;

import alertbridge.ids.Randomness;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The waits between attempts of something that may succeed if tried again a moment later: a read-modify-write that
 * lost its conditional write to a concurrent writer ({@link #CONTENTION}: read again and re-apply), or a read a
 * service throttled ({@link #THROTTLING}). Each pause is drawn at random from zero to a ceiling that doubles with
 * every attempt ("full jitter"), so fifty writers of one item spread out instead of colliding in step. Ends after
 * {@code maxAttempts} or once {@code budget} has passed, whichever is first; the caller then says what failed (for a
 * write that kept losing: "try again", 409, never a 5xx).
 * <pre>{@code
 * for (JitteredBackoff.Attempts attempts = CONTENTION.attempts(); attempts.next(); ) { read; if (write) return; }
 * }</pre>
 */
public final class JitteredBackoff {
    /** What a write to one item under load uses: 40 attempts, 5 ms doubling to 320 ms, 8 s in all. */
    public static final JitteredBackoff CONTENTION = new JitteredBackoff(40, Duration.ofMillis(5), Duration.ofMillis(320),
            Duration.ofSeconds(8), JitteredBackoff::sleep, System::nanoTime);
    /** What a read the service throttled (or failed) uses: 3 attempts, 100 ms doubling, within 1 s. */
    public static final JitteredBackoff THROTTLING = new JitteredBackoff(3, Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(1), JitteredBackoff::sleep, System::nanoTime);

    /** How the waits are taken: the thread sleeps (tests may count them instead). */
    public interface Pause {
        void pause(Duration wait);
    }

    private final int maxAttempts;
    private final Duration base;
    private final Duration ceiling;
    private final Duration budget;
    private final Pause pause;
    private final LongSupplier nanoTime;

    public JitteredBackoff(int maxAttempts, Duration base, Duration ceiling, Duration budget, Pause pause, LongSupplier nanoTime) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.ceiling = ceiling;
        this.budget = budget;
        this.pause = pause;
        this.nanoTime = nanoTime;
    }

    /** A new series of attempts: the first {@link Attempts#next()} goes at once. */
    public Attempts attempts() {
        return new Attempts(nanoTime.getAsLong());
    }

    /** One read-modify-write's attempts. */
    public final class Attempts {
        private final long startedAt;
        private int made;

        private Attempts(long startedAt) {
            this.startedAt = startedAt;
        }

        /** Waits as the last loss asks (nothing before the first attempt); false when no attempt is left. */
        public boolean next() {
            if (made >= maxAttempts || (made > 0 && nanoTime.getAsLong() - startedAt >= budget.toNanos())) {
                return false;
            }
            if (made > 0) {
                long ceilingMillis = Math.min(ceiling.toMillis(), base.toMillis() << Math.min(made - 1, 20));
                pause.pause(Duration.ofMillis(Randomness.nextLong(ceilingMillis + 1)));
            }
            made++;
            return true;
        }

        /** How many attempts were made so far. */
        public int made() {
            return made;
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
