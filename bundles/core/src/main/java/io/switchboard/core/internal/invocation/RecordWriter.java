package io.switchboard.core.internal.invocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.function.InvocationRecord;

/**
 * Writes invocation records on one thread, many per transaction, so that the caller of a synchronous event does not
 * wait for a database commit of its own (H2 commits under one store-wide lock; one commit per record was the
 * platform's bottleneck under load).
 *
 * <p>The queue is bounded by the records' approximate size; a caller that finds it full waits (back-pressure)
 * rather than a record being dropped. A caller that needs its record stored before it goes on (an asynchronous
 * task, which is settled after its record) waits for the commit of the batch that holds it; readers flush first,
 * so a record is visible to every read that starts after the invocation returned.
 */
final class RecordWriter {

    /** What one stored batch is written with: all records in one transaction. */
    interface BatchStore {
        void insertAll(List<InvocationRecord> records);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    private static final int RECORD_OVERHEAD = 512;

    /** A queued record (or, with no record, a flush barrier) and who waits for it. */
    private record Pending(InvocationRecord record, int size, CompletableFuture<Void> stored) {
    }

    private final BatchStore store;
    private final int maxBatch;
    private final long lingerNanos;
    private final int capacityBytes;
    private final Semaphore space;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param linger how long the writer waits for more records before it stores a batch that nobody waits for (fewer,
     *        larger transactions under load); a flush or a caller waiting for its commit cuts it short
     */
    RecordWriter(BatchStore store, int maxBatch, int capacityBytes, Duration linger) {
        this.store = store;
        this.maxBatch = Math.max(1, maxBatch);
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.capacityBytes = Math.max(64 * 1024, capacityBytes);
        this.space = new Semaphore(this.capacityBytes);
        this.thread = new Thread(this::work, "switchboard-invocation-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the record; returns at once unless the queue is full. */
    void write(InvocationRecord record) {
        enqueue(record, null);
    }

    /** Queues the record and returns when the transaction holding it committed; throws if it could not be stored. */
    void writeAndWait(InvocationRecord record, Duration timeout) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(record, stored);
        await(stored, timeout, "store invocation record " + record.id());
    }

    /** Returns when every record queued before the call is stored (or failed and was logged). */
    void flush(Duration timeout) {
        if (closed || Thread.currentThread() == thread) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(null, 0, done));
        await(done, timeout, "flush invocation records");
    }

    /** Records queued and not yet stored. */
    int backlog() {
        return (int) queue.stream().filter(p -> p.record() != null).count();
    }

    /** Stores what is queued, then stops the thread; later records are written by their callers directly. */
    void close(Duration timeout) {
        closed = true;
        // Woken with a barrier, not interrupted: an interrupt during a write would close H2's file channel.
        queue.add(new Pending(null, 0, null));
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainOnCaller();
    }

    private void enqueue(InvocationRecord record, CompletableFuture<Void> stored) {
        int size = Math.min(capacityBytes, sizeOf(record));
        if (closed) {
            writeOnCaller(new Pending(record, 0, stored));
            return;
        }
        try {
            if (!space.tryAcquire(size)) {
                LOG.debug("Invocation record queue is full ({} bytes); the caller waits", capacityBytes);
                space.acquire(size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeOnCaller(new Pending(record, 0, stored));
            return;
        }
        queue.add(new Pending(record, size, stored));
        if (closed) {
            // Closed while this caller was queueing: the writer may already be gone, so make sure it is stored.
            drainOnCaller();
        }
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            linger(batch);
            store(batch);
            batch.clear();
        }
        drainOnCaller();
    }

    /** Waits up to the linger time for more records while the batch has room and nobody waits for it. */
    private void linger(List<Pending> batch) {
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
                return;
            }
            try {
                Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                batch.add(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private synchronized void drainOnCaller() {
        List<Pending> rest = new ArrayList<>();
        while (queue.drainTo(rest, maxBatch) > 0) {
            store(rest);
            rest.clear();
        }
    }

    private void writeOnCaller(Pending pending) {
        store(List.of(pending));
    }

    private void store(List<Pending> batch) {
        List<InvocationRecord> records = new ArrayList<>(batch.size());
        batch.forEach(p -> {
            if (p.record() != null) {
                records.add(p.record());
            }
        });
        List<InvocationRecord> failed = List.of();
        if (!records.isEmpty()) {
            try {
                store.insertAll(records);
            } catch (RuntimeException e) {
                LOG.warn("Storing a batch of {} invocation records failed ({}); storing them one by one", records.size(), e.toString());
                failed = storeOneByOne(records);
            }
        }
        int released = 0;
        for (Pending p : batch) {
            released += p.size();
            if (p.stored() != null) {
                if (p.record() != null && failed.stream().anyMatch(f -> f == p.record())) {
                    p.stored().completeExceptionally(new IllegalStateException("invocation record " + p.record().id() + " could not be stored"));
                } else {
                    p.stored().complete(null);
                }
            }
        }
        space.release(released);
    }

    private List<InvocationRecord> storeOneByOne(List<InvocationRecord> records) {
        List<InvocationRecord> failed = new ArrayList<>();
        Consumer<InvocationRecord> one = r -> {
            try {
                store.insertAll(List.of(r));
            } catch (RuntimeException e) {
                failed.add(r);
                LOG.error("Could not store the record of invocation {} of function {} (account {})", r.id(), r.functionId(), r.account(), e);
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

    /** Roughly the heap a queued record holds: its result, its error and its log lines. */
    static int sizeOf(InvocationRecord r) {
        long size = RECORD_OVERHEAD + length(r.resultJson());
        if (r.error() != null) {
            size += length(r.error().errorCode()) + length(r.error().errorMsg());
        }
        for (LogLine line : r.logs()) {
            size += 32 + length(line.message());
        }
        return (int) Math.min(Integer.MAX_VALUE, size * 2);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
