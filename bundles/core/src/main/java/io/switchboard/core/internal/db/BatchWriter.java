package io.switchboard.core.internal.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.internal.health.WorkerLife;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes rows on one thread, many per transaction. H2 commits under one store-wide lock and, with
 * {@code WRITE_DELAY=0}, writes the store at every commit, so one commit per row made callers queue for the lock
 * (invocation records were the platform's bottleneck under load, accepted asynchronous events too).
 *
 * <p>The queue is bounded by the items' approximate size; a caller that finds it full waits (back-pressure) rather
 * than an item being dropped. A caller that must know its item is durable ({@link #writeAndWait}) waits for the
 * commit of the batch that holds it; {@link #flush} waits for everything queued before it. If a batch fails, its
 * items are stored one by one, so one bad item fails alone (logged; its waiter gets the error).
 *
 * @param <T> what is written
 */
public final class BatchWriter<T> {

    /** What one stored batch is written with: all items in one transaction. */
    @FunctionalInterface
    public interface BatchStore<T> {
        void insertAll(List<T> items);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    /**
     * The writer serves every caller, so it runs above them: at Java priority 8, nice -3 under
     * {@code -XX:ThreadPriorityPolicy=1} (which bin/switchboard sets as root), below the JIT's compiler threads (9, nice
     * -4) so a fresh platform still compiles first. At the callers' priority, one writer among eight busy request
     * threads on two cores got about a quarter of a core, fell behind, and its backlog (up to writeQueueKiB of records)
     * was what each young collection copied (docs/benchmarks.md, round 8). Without the policy the JVM ignores it.
     */
    static final int WRITER_PRIORITY = Thread.NORM_PRIORITY + 3;

    /** A queued item (or, with no item, a flush barrier) and who waits for it. */
    private record Pending<T>(T record, int size, CompletableFuture<Void> stored) {
    }

    private final String what;
    private final Function<T, String> describe;
    private final ToIntFunction<T> sizeOf;
    private final BatchStore<T> store;
    private final int maxBatch;
    private final long lingerNanos;
    private final int capacityBytes;
    private final Semaphore space;
    private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final WorkerLife life;
    private volatile boolean closed;

    /**
     * @param threadName the writer thread's name
     * @param what what the items are, for messages ("invocation records")
     * @param describe names one item in an error message
     * @param sizeOf the approximate heap one queued item holds, in bytes
     * @param linger how long the writer waits for more items before it stores a batch that nobody waits for (fewer,
     *        larger transactions under load); a flush or a caller waiting for its commit cuts it short
     */
    public BatchWriter(String threadName, String what, Function<T, String> describe, ToIntFunction<T> sizeOf, BatchStore<T> store, int maxBatch,
            int capacityBytes, Duration linger) {
        this.what = what;
        this.describe = describe;
        this.sizeOf = sizeOf;
        this.store = store;
        this.maxBatch = Math.max(1, maxBatch);
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.capacityBytes = Math.max(64 * 1024, capacityBytes);
        this.space = new Semaphore(this.capacityBytes);
        this.life = new WorkerLife("writer of " + what);
        this.thread = new Thread(life.watched(this::work), threadName);
        thread.setDaemon(true);
        thread.setPriority(WRITER_PRIORITY);
        thread.start();
    }

    /** Queues the item; returns at once unless the queue is full. */
    public void write(T item) {
        enqueue(item, null);
    }

    /** Queues the item and returns when the transaction holding it committed; throws if it could not be stored. */
    public void writeAndWait(T item, Duration timeout) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(item, stored);
        await(stored, timeout, "store " + describe.apply(item));
    }

    /** Returns when every item queued before the call is stored (or failed and was logged). */
    public void flush(Duration timeout) {
        if (closed || Thread.currentThread() == thread) {
            return;
        }
        if (writerDied()) {
            drainOnCaller();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending<>(null, 0, done));
        LockSupport.unpark(thread);
        await(done, timeout, "flush the queued " + what);
    }

    /** Items queued and not yet stored. */
    public int backlog() {
        return (int) queue.stream().filter(p -> p.record() != null).count();
    }

    /** Stores what is queued, then stops the thread; later items are written by their callers directly. */
    public void close(Duration timeout) {
        closed = true;
        // Woken with a barrier, not interrupted: an interrupt during a write would close H2's file channel.
        queue.add(new Pending<>(null, 0, null));
        LockSupport.unpark(thread);
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainOnCaller();
    }

    /** Why the writer thread is gone while it should run (for a health check); empty while it runs. */
    public java.util.List<String> problems() {
        return life.problems();
    }

    private void enqueue(T record, CompletableFuture<Void> stored) {
        int size = Math.min(capacityBytes, Math.max(1, sizeOf.applyAsInt(record)));
        if (closed || writerDied()) {
            // Closed, or the writer died (reported by the health check): the caller writes, rather than wait for nobody.
            writeOnCaller(new Pending<>(record, 0, stored));
            return;
        }
        try {
            if (!space.tryAcquire(size)) {
                LOG.debug("The queue of {} is full ({} bytes); the caller waits", what, capacityBytes);
                space.acquire(size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeOnCaller(new Pending<>(record, 0, stored));
            return;
        }
        queue.add(new Pending<>(record, size, stored));
        if (stored != null || queue.size() >= maxBatch) {
            // Someone waits for this commit, or a batch is full: end the writer's linger now (see linger()).
            LockSupport.unpark(thread);
        }
        if (closed || writerDied()) {
            // Closed (or the writer died) while this caller was queueing: make sure it is stored.
            drainOnCaller();
        }
    }

    /** The writer thread ended by an error (its death is recorded before it ends, so this holds from that moment). */
    private boolean writerDied() {
        return !life.problems().isEmpty();
    }

    private void work() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        long lastStored = System.nanoTime() - lingerNanos;
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            List<Pending<T>> turn = batch;
            // Lingers only while items keep coming (the last batch was stored within the linger time): under load that
            // gathers many items per commit; the first item after a quiet spell is stored at once, as without linger.
            if (System.nanoTime() - lastStored < lingerNanos) {
                life.survivingOutOfMemory(() -> linger(turn));
            }
            life.survivingOutOfMemory(() -> store(turn)); // what was taken is stored even if lingering ran out of memory
            lastStored = System.nanoTime();
            batch.clear();
        }
        drainOnCaller();
    }

    /**
     * Waits up to the linger time for more records while the batch has room and nobody waits for it. Parked rather than
     * polling the queue: a poll woke the writer for every record that arrived (a thread switch per record, issue 18);
     * a parked writer is woken only by a caller that waits for its commit, a full batch, a flush or close.
     */
    private void linger(List<Pending<T>> batch) {
        long deadline = System.nanoTime() + lingerNanos;
        int checked = 0;
        while (!closed && batch.size() < maxBatch) {
            for (; checked < batch.size(); checked++) {
                if (batch.get(checked).stored() != null) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                queue.drainTo(batch, maxBatch - batch.size());
                return;
            }
            if (queue.isEmpty() || queue.size() < maxBatch - batch.size()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    queue.drainTo(batch, maxBatch - batch.size());
                    return;
                }
            }
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private synchronized void drainOnCaller() {
        List<Pending<T>> rest = new ArrayList<>();
        while (queue.drainTo(rest, maxBatch) > 0) {
            store(rest);
            rest.clear();
        }
    }

    private void writeOnCaller(Pending<T> pending) {
        store(List.of(pending));
    }

    private void store(List<Pending<T>> batch) {
        List<T> records = new ArrayList<>(batch.size());
        batch.forEach(p -> {
            if (p.record() != null) {
                records.add(p.record());
            }
        });
        List<T> failed = List.of();
        if (!records.isEmpty()) {
            try {
                store.insertAll(records);
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.warn("Storing a batch of {} {} failed ({}); storing them one by one", records.size(), what, SafeText.of(e));
                failed = storeOneByOne(records);
            }
        }
        int released = 0;
        for (Pending<T> p : batch) {
            released += p.size();
            if (p.stored() != null) {
                if (p.record() != null && failed.stream().anyMatch(f -> f == p.record())) {
                    p.stored().completeExceptionally(new IllegalStateException(describe.apply(p.record()) + " could not be stored"));
                } else {
                    p.stored().complete(null);
                }
            }
        }
        space.release(released);
    }

    private List<T> storeOneByOne(List<T> records) {
        List<T> failed = new ArrayList<>();
        Consumer<T> one = r -> {
            try {
                store.insertAll(List.of(r));
            } catch (RuntimeException | OutOfMemoryError e) {
                failed.add(r);
                // A database error may quote the stored values (a function's result or error): escaped and cut.
                LOG.error("Could not store {}: {}", describe.apply(r), SafeText.of(e));
                LOG.debug("Store failure", e);
            }
        };
        records.forEach(one);
        return failed;
    }

    private static void await(CompletableFuture<Void> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not " + what + " within " + timeout.toMillis() + " ms (the database is slow or stuck)", e);
        }
    }
}
