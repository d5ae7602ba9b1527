package alertbridge.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many threads adding at once: everything written exactly once, in few batches, none above the limit. */
class GroupCommitTest {
    @Test
    void whatArrivesDuringAWriteGoesIntoTheNextBatch() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch othersAdded = new CountDownLatch(1);
        GroupCommit<Integer> group = new GroupCommit<>(25, batch -> {
            batches.add(List.copyOf(batch));
            if (batches.size() == 1) {
                firstWriteStarted.countDown();
                await(othersAdded); // the first write is in flight while the other 49 arrive
            }
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> group.add(0));
            assertTrue(firstWriteStarted.await(10, TimeUnit.SECONDS));
            IntStream.range(1, 50).forEach(group::add); // each returns at once: the writing thread takes them
            othersAdded.countDown();
            group.close();
        }

        assertEquals(List.of(List.of(0), IntStream.range(1, 26).boxed().toList(), IntStream.range(26, 50).boxed().toList()),
                batches, "one item at once, then the rest in batches of at most 25");
    }

    @Test
    void concurrentAddsAreEachWrittenOnceAndCloseWaitsForThem() {
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> group = new GroupCommit<>(7, batch -> {
            sizes.add(batch.size());
            sleep(2);
            written.addAll(batch);
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 500).forEach(i -> pool.submit(() -> group.add(i)));
        }
        group.close();

        assertEquals(IntStream.range(0, 500).boxed().toList(), written.stream().sorted().toList());
        assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= 7), sizes.toString());
        assertTrue(sizes.size() < 500, "batched: " + sizes.size() + " writes");
    }

    @Test
    void aFailedBatchDoesNotStopTheNextOnes() {
        List<Integer> written = new ArrayList<>();
        GroupCommit<Integer> group = new GroupCommit<>(1, batch -> {
            if (batch.getFirst() == 1) {
                throw new IllegalStateException("table down");
            }
            written.addAll(batch);
        });
        IntStream.range(0, 3).forEach(group::add);
        group.close();
        assertEquals(List.of(0, 2), written);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
