package io.switchboard.core.internal.dispatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Issue 13's evaluation: throughput of accepted asynchronous work through the current persisted queue (AsyncQueue:
 * group-committed accept, 4 workers, one settling update per task, invocation records on) against db-scheduler 16.7
 * one-time tasks (4 threads; scheduled one per call, and in batches). Not part of the build (no *Test name); run with
 * {@code ./mvnw -pl bundles/core test -Dtest=TaskStoreBenchmark [-Dswitchboard.test.database=postgresql]}. Results and
 * the decision are in bundles/core/README.md.
 */
class TaskStoreBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 4_000);
    private static final int PRODUCERS = 8;
    /** {@code -Dbench.queueOnly=true}: the AsyncQueue column only (the queue's own before/after comparisons). */
    private static final boolean QUEUE_ONLY = Boolean.getBoolean("bench.queueOnly");
    private static final int WORKERS = 4;
    private static final String END = "messaging_conversation_end";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    @Test
    void measure() throws Exception {
        String db = TestDatabase.postgres() ? "PostgreSQL" : "H2 (file)";
        for (int round = 0; round < Integer.getInteger("bench.rounds", 3); round++) { // the first round warms the JIT up
            double queue = currentQueue();
            if (QUEUE_ONLY) {
                System.out.printf("[bench] %s round %d, %d events, %d producers, %d workers: AsyncQueue %.0f/s%n", db, round, EVENTS,
                        PRODUCERS, WORKERS, queue);
                continue;
            }
            double single = dbScheduler(false);
            double batched = dbScheduler(true);
            System.out.printf("[bench] %s round %d, %d events, %d producers, %d workers: AsyncQueue %.0f/s, db-scheduler schedule() %.0f/s,"
                    + " db-scheduler scheduleBatch(100) %.0f/s%n", db, round, EVENTS, PRODUCERS, WORKERS, queue, single, batched);
        }
    }

    private static JdbcDatabase database() throws Exception {
        return TestDatabase.inDataFolder(Files.createTempDirectory("task-store-bench"));
    }

    /** The core with a no-op executor and one deployed function of an asynchronous event. */
    private record Platform(CoreFixture core, InvocationServiceImpl invocations, DispatcherImpl dispatcher, String functionId)
            implements AutoCloseable {
        static Platform start() throws Exception {
            CoreFixture core = new CoreFixture(database(), TestEvents.conversationEnd());
            InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
            DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                    TestConfigs.config(DispatcherImpl.Config.class, "asyncWorkers", WORKERS, "maxConcurrentPerFunction", 1000,
                            "maxConcurrentPerAccount", 1000), Clock.systemUTC());
            dispatcher.setExecutor(new ScriptedExecutor(r -> ScriptedExecutor.ok("{}")));
            return new Platform(core, invocations, dispatcher, core.deployed("acme", "noop", END).id());
        }

        @Override
        public void close() {
            dispatcher.close();
            invocations.close();
            core.close();
        }
    }

    /** Events accepted by 8 producers and run to their settled state (invocation record stored), per second. */
    private double currentQueue() throws Exception {
        try (Platform platform = Platform.start()) {
            long started = System.nanoTime();
            produce(i -> platform.dispatcher().dispatch(new DispatchRequest("acme", END, PAYLOAD, List.of(), Trigger.EVENT)));
            awaitCount(() -> platform.core().database.withConnection("done",
                    c -> Rows.count(c, "SELECT COUNT(*) FROM async_tasks WHERE status = 'DONE'")));
            return EVENTS / seconds(started);
        }
    }

    /**
     * One-time tasks (payload as task data) scheduled by 8 producers and executed by 4 threads, each running the same
     * function through the dispatcher (deployment look-up, executor, invocation record), per second.
     */
    private double dbScheduler(boolean batched) throws Exception {
        Platform platform = Platform.start();
        JdbcDatabase database = platform.core().database;
        AtomicInteger executed = new AtomicInteger();
        OneTimeTask<String> task = Tasks.oneTime("bench", String.class).execute((instance, context) -> {
            platform.dispatcher().invoke("acme", platform.functionId(), instance.getData(), List.of(), Trigger.EVENT);
            executed.incrementAndGet();
        });
        var builder = Scheduler.create(database.dataSource(), task).threads(WORKERS).pollingInterval(Duration.ofMillis(100))
                .schedulerName(new SchedulerName.Fixed("bench")).enableImmediateExecution();
        if (TestDatabase.postgres()) {
            builder.pollUsingLockAndFetch(0.5, 4.0); // SELECT ... FOR UPDATE SKIP LOCKED
        }
        Scheduler scheduler = builder.build();
        scheduler.start();
        try {
            long started = System.nanoTime();
            if (batched) {
                produceBatches(scheduler, task);
            } else {
                produce(i -> scheduler.schedule(task.instance("e" + i, PAYLOAD), Instant.now()));
            }
            awaitCount(() -> (long) executed.get());
            return EVENTS / seconds(started);
        } finally {
            scheduler.stop();
            platform.close();
        }
    }

    private static void produceBatches(Scheduler scheduler, OneTimeTask<String> task) throws InterruptedException {
        int perProducer = EVENTS / PRODUCERS;
        runProducers(p -> {
            for (int from = 0; from < perProducer; from += 100) {
                List<TaskInstance<?>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(perProducer, from + 100); i++) {
                    batch.add(task.instance("p" + p + "-" + i, PAYLOAD));
                }
                scheduler.scheduleBatch(batch, Instant.now());
            }
        });
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    private static void produce(Step step) throws InterruptedException {
        int perProducer = EVENTS / PRODUCERS;
        runProducers(p -> {
            for (int i = 0; i < perProducer; i++) {
                step.run(p * perProducer + i);
            }
        });
    }

    private static void runProducers(Step producer) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS);
        CountDownLatch done = new CountDownLatch(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int index = p;
            threads.execute(() -> {
                try {
                    producer.run(index);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new AssertionError("producers did not finish");
        }
        threads.shutdown();
    }

    private static void awaitCount(java.util.function.Supplier<Long> count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count.get() < EVENTS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.get() + " of " + EVENTS + " done");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
