package io.switchboard.core.internal.invocation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

/**
 * Issue 18: CPU of the record writer thread per record, on an H2 file database as the distribution runs it, with the
 * record policy ALL and FAILURES_LOGGED_SAMPLE (0.01) and two linger times, at a steady arrival rate (records paced
 * from one producer, as a platform serving that many events per second writes them). Not part of the build (no *Test
 * name); run with {@code ./mvnw -pl bundles/core test -Dtest=RecordWriteBenchmark [-Dbench.rate=2000 | -Dbench.rates=2000,8000] [-Dbench.seconds=4]
 * [-Dbench.prefill=1000000] [-Dbench.rounds=3] [-Dbench.lingers=10,50,100] [-Dbench.policies=ALL,FAILURES_LOGGED_SAMPLE] [-Dbench.sql="SQL;SQL"]}.
 */
class RecordWriteBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 2_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 4);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void measure() throws Exception {
        CoreFixture core = new CoreFixture(TestDatabase.inDataFolder(Files.createTempDirectory("record-write-bench")));
        String function = core.functions.create("acme", CoreFixture.spec("f", null)).id();
        // The platform's database after a soak holds about a million records: index pages then come from the page cache
        // or the file, not from a small fresh tree.
        int prefill = Integer.getInteger("bench.prefill", 0);
        if (prefill > 0) {
            long t0 = System.nanoTime();
            core.database.inTransaction("prefill", c -> {
                BenchRecords.insert(c, prefill, i -> function);
                return null;
            });
            System.out.printf("[bench] %d records of the function stored first, in %.1f s%n", prefill, (System.nanoTime() - t0) / 1e9);
        }
        // A/B switches measured one by one: SQL run once before the rounds (an H2 setting such as "SET CACHE_SIZE 16384",
        // or "DROP INDEX ix_invocations_account_newest" to see what one index costs), separated by ';'.
        for (String sql : System.getProperty("bench.sql", "").split(";")) {
            if (!sql.isBlank()) {
                core.database.inTransaction("bench setting", c -> {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                    return null;
                });
                System.out.println("[bench] " + sql);
            }
        }
        int[] rates = java.util.Arrays.stream(System.getProperty("bench.rates", String.valueOf(RATE)).split(",")).mapToInt(Integer::parseInt).toArray();
        int[] lingers = java.util.Arrays.stream(System.getProperty("bench.lingers", "10,50,100").split(",")).mapToInt(Integer::parseInt).toArray();
        List<RecordPolicy.Policy> policies = java.util.Arrays.stream(System.getProperty("bench.policies", "ALL,FAILURES_LOGGED_SAMPLE")
                .split(",")).map(RecordPolicy.Policy::valueOf).toList();
        try {
            for (int round = 0; round < Integer.getInteger("bench.rounds", 3); round++) { // the first round warms the JIT up
                for (int rate : rates) {
                    for (int linger : lingers) {
                        for (RecordPolicy.Policy policy : policies) {
                            System.out.printf("[bench] round %d, %d records/s for %d s, linger %d ms, %s: writer CPU %.1f us/record%n", round,
                                    rate, SECONDS, linger, policy, run(core, function, rate, linger, policy));
                        }
                    }
                }
            }
        } finally {
            core.close();
        }
    }

    /** The writer thread's CPU time per record, in microseconds. */
    private static double run(CoreFixture core, String function, int rate, int linger, RecordPolicy.Policy policy) throws InterruptedException {
        RecordPolicy records = new RecordPolicy(TestConfigs.config(RecordPolicy.Config.class, "policy", policy, "sampleRate", 0.01));
        InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
                TestConfigs.config(InvocationServiceImpl.Config.class, "writeLingerMillis", linger), Clock.systemUTC(), records);
        try {
            Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("switchboard-invocation-writer")
                    && t.isAlive()).reduce((a, b) -> b.getId() > a.getId() ? b : a).orElseThrow();
            WriterSampler sampler = Boolean.getBoolean("bench.sample") ? new WriterSampler(writer) : null;
            long cpuBefore = THREADS.getThreadCpuTime(writer.getId());
            int count = rate * SECONDS;
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                invocations.record(new InvocationRecord(TimeOrderedIds.next(), "acme", function, 1, "conversational_command", null,
                        Trigger.EVENT, Instant.now(), 2, Outcome.OK, "{\"text\":\"hello\"}", null, List.of(), null));
            }
            invocations.recordBytesByAccount(); // flushes what is queued
            long cpu = THREADS.getThreadCpuTime(writer.getId()) - cpuBefore;
            if (sampler != null) {
                sampler.print();
            }
            return cpu / 1000.0 / count;
        } finally {
            invocations.close();
        }
    }

    /**
     * Where the writer spends its time (JFR's execution samples missed this short-lived forked JVM): its stack every
     * millisecond while it runs (RUNNABLE), each sample counted once under every step below that is on the stack.
     */
    private static final class WriterSampler {

        private static final String[][] STEPS = {
            {"commit (H2 MVStore writes the changed pages)", "org.h2.mvstore.MVStore.store"},
            {"commit, all of it", "JdbcConnection.commit"},
            {"insert rows (JDBC batch)", "InvocationRepository.insertAll"},
            {"  of which index updates (secondary)", "MVSecondaryIndex.add"},
            {"  of which primary rows", "MVPrimaryIndex.add"},
            {"account usage update", "RecordUsage.add"},
            {"rollup upserts", "InvocationRollup.add"},
            {"statement preparation", "prepareStatement"},
            {"log lines as JSON", "InvocationRepository.logsJson"},
            {"  of which pages serialized", "org.h2.mvstore.Page.write"},
            {"  of which file writes", "FileStore.writeFully"},
        };

        private final java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        private final Thread sampler;
        private volatile boolean running = true;
        private int samples;

        WriterSampler(Thread writer) {
            sampler = new Thread(() -> {
                while (running) {
                    java.lang.management.ThreadInfo info = THREADS.getThreadInfo(writer.getId(), 80);
                    if (info != null && info.getThreadState() == Thread.State.RUNNABLE) {
                        samples++;
                        for (String[] step : STEPS) {
                            if (java.util.Arrays.stream(info.getStackTrace()).anyMatch(f -> (f.getClassName() + "." + f.getMethodName()).contains(step[1]))) {
                                counts.merge(step[0], 1, Integer::sum);
                            }
                        }
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }, "writer-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void print() throws InterruptedException {
            running = false;
            sampler.join();
            StringBuilder line = new StringBuilder("[bench]   writer running in " + samples + " samples:");
            for (String[] step : STEPS) {
                line.append(String.format(" %s %d%%;", step[0], samples == 0 ? 0 : 100 * counts.getOrDefault(step[0], 0) / samples));
            }
            System.out.println(line);
        }
    }
}
