package alertbridge.calls;

import alertbridge.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes what many threads hand in, in as few requests as possible without making anyone wait: the first item is
 * written at once by the thread that added it, and whatever arrives while that write is in flight goes into the next
 * request (up to {@code maxBatch} items), written by the same thread. With fifty calls answered by Twilio at about
 * the same moment, their fifty records take two or three table requests instead of fifty, and none waits for the
 * slowest dial. (Group commit, as databases do with their log.)
 */
public final class GroupCommit<T> implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.forComponent("group-commit");
    private final int maxBatch;
    private final Consumer<List<T>> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final List<T> pending = new ArrayList<>();
    private boolean writing;

    /** @param write writes one batch; an exception it throws is logged, and the batch is not tried again here */
    public GroupCommit(int maxBatch, Consumer<List<T>> write) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.write = write;
    }

    /** Adds {@code item}; writes it (and anything else pending) now unless another thread is writing already. */
    public void add(T item) {
        List<T> batch;
        lock.lock();
        try {
            pending.add(item);
            if (writing) {
                return; // the writing thread takes it in its next batch
            }
            writing = true;
            batch = next();
        } finally {
            lock.unlock();
        }
        while (!batch.isEmpty()) {
            writeSafely(batch);
            lock.lock();
            try {
                batch = next();
                if (batch.isEmpty()) {
                    writing = false;
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until everything added so far is written. */
    @Override
    public void close() {
        lock.lock();
        try {
            while (writing || !pending.isEmpty()) {
                idle.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@link #maxBatch} pending items; call with the lock held. */
    private List<T> next() {
        List<T> batch = new ArrayList<>(pending.subList(0, Math.min(maxBatch, pending.size())));
        pending.subList(0, batch.size()).clear();
        return batch;
    }

    private void writeSafely(List<T> batch) {
        try {
            write.accept(batch);
        } catch (RuntimeException e) {
            LOG.error("batch_not_written", "items", batch.size(), "error", e.getClass().getSimpleName());
        }
    }
}
