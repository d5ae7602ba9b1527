package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The waits between lost writes, on a counted clock: nothing sleeps here. */
class JitteredBackoffTest {
    @Test
    void theFirstAttemptGoesAtOnceAndEachWaitIsJitteredUnderADoublingCeiling() {
        List<Duration> waits = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        JitteredBackoff backoff = new JitteredBackoff(8, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(60),
                wait -> {
                    waits.add(wait);
                    now.addAndGet(wait.toNanos());
                }, now::get);
        JitteredBackoff.Attempts attempts = backoff.attempts();
        int made = 0;
        while (attempts.next()) {
            made++;
        }
        assertEquals(8, made);
        assertEquals(8, attempts.made());
        assertEquals(7, waits.size(), "no wait before the first attempt");
        long[] ceilings = {5, 10, 20, 40, 40, 40, 40};
        for (int i = 0; i < waits.size(); i++) {
            assertTrue(waits.get(i).toMillis() <= ceilings[i], "wait " + i + ": " + waits.get(i));
        }
    }

    @Test
    void theBudgetEndsTheAttemptsEarly() {
        AtomicLong now = new AtomicLong();
        JitteredBackoff backoff = new JitteredBackoff(1000, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(1),
                wait -> now.addAndGet(Duration.ofMillis(300).toNanos()), now::get);
        JitteredBackoff.Attempts attempts = backoff.attempts();
        int made = 0;
        while (attempts.next()) {
            made++;
        }
        assertEquals(5, made, "attempts at 0, 300, 600, 900 and 1,200 ms (asked for at 900): none asked for once 1 s has passed");
        assertFalse(attempts.next());
    }

    @Test
    void jitterSpreadsTheWaits() {
        List<Long> waits = new ArrayList<>();
        JitteredBackoff backoff = new JitteredBackoff(2, Duration.ofMillis(320), Duration.ofMillis(320), Duration.ofSeconds(60),
                wait -> waits.add(wait.toMillis()), System::nanoTime);
        for (int i = 0; i < 200; i++) {
            JitteredBackoff.Attempts attempts = backoff.attempts();
            while (attempts.next()) {
                // lost again
            }
        }
        assertTrue(waits.stream().distinct().count() > 50, "200 waits drawn from 0..320 ms: " + waits.stream().distinct().count());
    }
}
