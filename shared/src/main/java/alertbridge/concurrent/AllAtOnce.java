package alertbridge.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One task per item, all started at once on virtual threads: a fan-out to a provider takes one round trip, not one
 * per item. Waits for every task; one task's failure never stops the others.
 */
public final class AllAtOnce {
    private AllAtOnce() {
    }

    /**
     * @param task     runs on the item's own virtual thread
     * @param ifFailed the result of a task that threw (its exception), or of one whose wait was interrupted
     *                 (an {@link InterruptedException}; the thread's interrupt flag is set again)
     * @return one result per item, in item order
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> task,
                                     Function<Throwable, ? extends R> ifFailed) {
        List<Future<R>> futures = new ArrayList<>(items.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(executor.submit(() -> task.apply(item)));
            }
        }
        List<R> results = new ArrayList<>(items.size());
        for (Future<R> future : futures) {
            results.add(resultOf(future, ifFailed));
        }
        return results;
    }

    /**
     * {@link #map}, where any task's failure is the caller's: thrown in the caller's thread once every task has
     * finished (the first failure in item order; a checked one wrapped in {@link IllegalStateException}).
     */
    public static <T, R> List<R> mapOrThrow(List<T> items, Function<? super T, ? extends R> task) {
        return map(items, task, e -> {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("a task failed", e);
        });
    }

    private static <R> R resultOf(Future<R> future, Function<Throwable, ? extends R> ifFailed) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return ifFailed.apply(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ifFailed.apply(e);
        }
    }
}
