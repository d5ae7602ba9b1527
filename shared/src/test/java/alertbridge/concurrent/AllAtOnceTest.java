package alertbridge.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllAtOnceTest {
    @Test
    void everyTaskRunsAtOnceAndResultsKeepTheItemOrder() {
        List<Integer> items = IntStream.range(0, 30).boxed().toList();
        CountDownLatch allStarted = new CountDownLatch(items.size());
        List<String> results = AllAtOnce.map(items, i -> {
            allStarted.countDown();
            try {
                // Only passes when every task is in flight together; later items finish first.
                boolean together = allStarted.await(10, TimeUnit.SECONDS);
                Thread.sleep(30 - i);
                return together ? "item " + i : "alone " + i;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, e -> "failed");
        assertEquals(items.stream().map(i -> "item " + i).toList(), results);
    }

    @Test
    void aTaskThatThrowsGetsTheFallbackAndTheOthersStillRun() {
        List<String> results = AllAtOnce.map(List.of("a", "boom", "c"), s -> {
            if (s.equals("boom")) {
                throw new IllegalArgumentException(s);
            }
            return s.toUpperCase();
        }, e -> "failed: " + e.getClass().getSimpleName());
        assertEquals(List.of("A", "failed: IllegalArgumentException", "C"), results);
    }

    @Test
    void noItemsNoResults() {
        assertEquals(List.of(), AllAtOnce.map(List.<String>of(), String::length, e -> -1));
    }
}
