package io.switchboard.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;

class BatchWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A store that keeps the batches it was given and can be held shut or made to refuse records. */
    private static final class Store implements BatchWriter.BatchStore<InvocationRecord> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile String refuse = "";

        Store(boolean open) {
            if (open) {
                this.open.countDown();
            }
        }

        @Override
        public void insertAll(List<InvocationRecord> records) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (records.stream().anyMatch(r -> r.id().equals(refuse))) {
                throw new IllegalStateException("duplicate key " + refuse);
            }
            batches.add(records.stream().map(InvocationRecord::id).toList());
        }

        List<String> stored() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }
    }

    private BatchWriter<InvocationRecord> writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close(WAIT);
        }
    }

    private static BatchWriter<InvocationRecord> writer(Store store, int maxBatch, int capacityBytes, Duration linger) {
        return new BatchWriter<>("test-writer", "invocation records", r -> "record " + r.id(),
                io.switchboard.core.internal.invocation.InvocationServiceImpl::sizeOf, store, maxBatch, capacityBytes, linger);
    }

    /**
     * A writer whose store is held shut and already busy with a first record ("first"): what is written next
     * queues up behind it.
     */
    private Store busyWriter(int maxBatch, int capacityBytes) throws InterruptedException {
        Store store = new Store(false);
        writer = writer(store, maxBatch, capacityBytes, Duration.ZERO);
        writer.write(record("first"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        return store;
    }

    private void writeHundred() {
        for (int i = 0; i < 100; i++) {
            writer.write(record("r" + i));
        }
    }

    private static InvocationRecord record(String id) {
        return record(id, 0);
    }

    private static InvocationRecord record(String id, int logChars) {
        List<LogLine> logs = logChars == 0 ? List.of() : List.of(new LogLine(Instant.EPOCH, LogLevel.INFO, "x".repeat(logChars)));
        return new InvocationRecord(id, "acme", "f", 1, "conversational_command", "e-" + id, Trigger.EVENT, Instant.EPOCH, 1,
                Outcome.OK, "{}", null, logs);
    }

    @Test
    void recordsWrittenWhileTheStoreIsBusyGoInOneBatchInOrder() throws Exception {
        Store store = busyWriter(500, 1 << 20);
        writeHundred();
        store.open.countDown();
        writer.flush(WAIT);

        assertThat(store.batches).hasSize(2);
        assertThat(store.batches.get(0)).containsExactly("first");
        assertThat(store.batches.get(1)).hasSize(100).startsWith("r0", "r1").endsWith("r99");
    }

    /**
     * The writer runs above its callers (at their priority it fell behind them under load, docs/benchmarks.md, round 8)
     * and below the JIT's compiler threads (HotSpot's NearMaxPriority, 9), which bin/switchboard's
     * -XX:ThreadPriorityPolicy=1 maps to nice -3 and -4.
     */
    @Test
    void theWriterThreadRunsAboveItsCallersAndBelowTheCompilers() throws Exception {
        Store store = busyWriter(500, 1 << 20);
        Thread writerThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("test-writer")).findFirst().orElseThrow();
        assertThat(writerThread.getPriority()).isEqualTo(8).isGreaterThan(Thread.currentThread().getPriority()).isLessThan(Thread.MAX_PRIORITY - 1);
        store.open.countDown();
    }

    @Test
    void batchesAreCutAtTheConfiguredSize() throws Exception {
        Store store = busyWriter(30, 1 << 20);
        writeHundred();
        store.open.countDown();
        writer.flush(WAIT);

        assertThat(store.batches).extracting(List::size).containsExactly(1, 30, 30, 30, 10);
        assertThat(store.stored()).hasSize(101);
    }

    @Test
    void aFullQueueMakesTheCallerWaitInsteadOfDroppingRecords() throws Exception {
        Store store = busyWriter(500, 64 * 1024);
        // Each record counts about 2 x (512 + 20 000) bytes: three fit into 64 KiB, the fourth has to wait.
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 4; i++) {
                writer.write(record("big" + i, 20_000));
            }
        });
        Thread.sleep(300);
        assertThat(writes).isNotDone();

        store.open.countDown();
        writes.get(10, TimeUnit.SECONDS);
        writer.flush(WAIT);
        assertThat(store.stored()).containsExactly("first", "big0", "big1", "big2", "big3");
    }

    @Test
    void writeAndWaitReturnsAfterTheCommitAndFailsWhenTheRecordCannotBeStored() {
        Store store = new Store(true);
        writer = writer(store, 500, 1 << 20, Duration.ZERO);
        writer.writeAndWait(record("durable"), WAIT);
        assertThat(store.stored()).containsExactly("durable");

        store.refuse = "refused";
        assertThatThrownBy(() -> writer.writeAndWait(record("refused"), WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
    }

    @Test
    void oneBadRecordDoesNotTakeItsBatchDownWithIt() throws Exception {
        Store store = busyWriter(500, 1 << 20);
        store.refuse = "bad";
        writer.write(record("a"));
        writer.write(record("bad"));
        writer.write(record("b"));
        store.open.countDown();
        writer.flush(WAIT);

        assertThat(store.stored()).containsExactly("first", "a", "b");
    }

    @Test
    void closeStoresWhatIsQueuedAndLaterRecordsAreWrittenByTheirCallers() throws Exception {
        Store store = busyWriter(500, 1 << 20);
        writer.write(record("queued"));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> writer.close(WAIT));
        Thread.sleep(100);
        store.open.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(store.stored()).containsExactly("first", "queued");

        writer.write(record("late"));
        assertThat(store.stored()).containsExactly("first", "queued", "late");
        writer = null;
    }

    @Test
    void theFirstRecordAfterAQuietSpellIsStoredAtOnceAndRecordsArrivingWithinTheLingerTimeShareOneTransaction() throws Exception {
        Store store = new Store(true);
        writer = writer(store, 500, 1 << 20, Duration.ofSeconds(30));
        writer.write(record("first"));
        // Stored without waiting out the 30 s linger: nothing was written before it (a kill -9 right after loses nothing).
        io.switchboard.core.internal.testing.Await.until("the first record is stored", () -> !store.stored().isEmpty());
        assertThat(store.batches).containsExactly(List.of("first"));

        writer.write(record("a"));
        writer.write(record("b"));
        long start = System.nanoTime();
        writer.flush(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(store.batches).containsExactly(List.of("first"), List.of("a", "b"));

        writer.writeAndWait(record("durable"), WAIT);
        assertThat(store.stored()).containsExactly("first", "a", "b", "durable");
    }
}
