package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/** Updating the executor bundle at runtime, ten times, leaks no threads, class loaders or heap. */
@RunWith(PaxExam.class)
public class ExecutorRedeployIT extends SwitchboardTestSupport {

    private static final int CYCLES = 10;
    private static final String CODE = "async function lambda(input) { return {n: input.payload.n + 1}; }";

    @Test
    public void tenUpdatesOfTheExecutorBundleLeakNoThreadsClassLoadersOrHeap() throws Exception {
        Bundle executorBundle = Arrays.stream(context.getBundles())
                .filter(b -> "switchboard.executor.graaljs".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(1, runOnce(1));
        int threadsBefore = liveThreads();
        List<String> executorThreadsBefore = executorThreadNames();
        long heapBefore = usedHeapAfterGc();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            oldLoaders.add(new WeakReference<>(currentExecutorLoader()));
            executorBundle.update();
            refresh(executorBundle);
            assertEquals(cycle + 1, runOnce(cycle + 1));
        }

        awaitCollected(oldLoaders);
        int threadsAfter = liveThreads();
        long heapAfter = usedHeapAfterGc();
        System.out.printf("ExecutorRedeployIT: %d updates, all replaced class loaders collected; threads %d -> %d; "
                + "executor threads %s -> %s; heap %d -> %d MiB%n", CYCLES, threadsBefore, threadsAfter, executorThreadsBefore,
                executorThreadNames(), heapBefore / 1024 / 1024, heapAfter / 1024 / 1024);
        assertEquals("threads of the executor bundle", executorThreadsBefore, executorThreadNames());
        assertTrue("threads grew from " + threadsBefore + " to " + threadsAfter, threadsAfter <= threadsBefore + 2);
        assertTrue("heap grew from " + heapBefore / 1024 / 1024 + " MiB to " + heapAfter / 1024 / 1024 + " MiB",
                heapAfter - heapBefore < 64L * 1024 * 1024);
    }

    /**
     * Waits until every replaced executor class loader is garbage; if one stays strongly reachable, fails with a heap
     * dump whose GC root path names the holder (see docs/executor.md, "Lifecycle and hot redeploy").
     */
    private static void awaitCollected(List<WeakReference<ClassLoader>> oldLoaders) throws Exception {
        try {
            await("the class loaders of the replaced executor bundles are collected", Duration.ofSeconds(30), () -> {
                System.gc();
                return oldLoaders.stream().allMatch(ref -> ref.get() == null);
            });
        } catch (AssertionError notCollected) {
            long alive = oldLoaders.stream().filter(ref -> ref.get() != null).count();
            Path dump = Path.of(System.getProperty("switchboard.itest.work", System.getProperty("java.io.tmpdir")),
                    "ExecutorRedeployIT-" + System.currentTimeMillis() + ".hprof");
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "dumpHeap", new Object[] {dump.toString(), true}, new String[] {String.class.getName(), boolean.class.getName()});
            // Pax Exam reports the root cause of a failure, so the cause is not chained.
            throw new AssertionError(notCollected.getMessage() + ": " + alive + " of " + oldLoaders.size()
                    + " replaced executor class loaders are still strongly reachable; heap dump: " + dump);
        }
    }

    private static List<String> executorThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("switchboard-executor")).sorted().toList();
    }

    private ClassLoader currentExecutorLoader() {
        ServiceReference<FunctionExecutor> reference = context.getServiceReference(FunctionExecutor.class);
        try {
            return context.getService(reference).getClass().getClassLoader();
        } finally {
            context.ungetService(reference);
        }
    }

    private int runOnce(int n) {
        await("an executor service is registered", Duration.ofSeconds(20),
                () -> context.getServiceReference(FunctionExecutor.class) != null);
        ServiceReference<FunctionExecutor> reference = context.getServiceReference(FunctionExecutor.class);
        try {
            ExecutionResult result = context.getService(reference).execute(new ExecutionRequest(UUID.randomUUID().toString(),
                    "itest", "redeploy", "redeploy@1", CODE, "{\"payload\":{\"n\":" + (n - 1) + "},\"headers\":[]}",
                    Map.of(), List.of(), Duration.ofSeconds(10)));
            assertEquals(String.valueOf(result.error()), Outcome.OK, result.outcome());
            return Integer.parseInt(result.resultJson().replaceAll("\\D", ""));
        } finally {
            context.ungetService(reference);
        }
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh finished", refreshed.await(30, TimeUnit.SECONDS));
    }

    private static int liveThreads() {
        System.gc();
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
