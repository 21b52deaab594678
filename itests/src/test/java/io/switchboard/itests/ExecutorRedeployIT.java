package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        long heapBefore = usedHeapAfterGc();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            oldLoaders.add(new WeakReference<>(currentExecutorLoader()));
            executorBundle.update();
            refresh(executorBundle);
            assertEquals(cycle + 1, runOnce(cycle + 1));
        }

        await("the class loaders of the replaced executor bundles are collected", Duration.ofSeconds(30), () -> {
            System.gc();
            long alive = oldLoaders.stream().filter(ref -> ref.get() != null).count();
            if (alive > 0) {
                System.out.println("executor class loaders still alive: " + alive + " of " + oldLoaders.size());
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    ClassLoader tccl = thread.getContextClassLoader();
                    if (oldLoaders.stream().anyMatch(ref -> ref.get() == tccl)) {
                        System.out.println("DIAG thread " + thread.getName() + " holds an old loader as its context loader");
                    }
                }
            }
            return alive == 0;
        });
        int threadsAfter = liveThreads();
        long heapAfter = usedHeapAfterGc();
        assertTrue("threads grew from " + threadsBefore + " to " + threadsAfter, threadsAfter <= threadsBefore + 2);
        assertTrue("heap grew from " + heapBefore / 1024 / 1024 + " MiB to " + heapAfter / 1024 / 1024 + " MiB",
                heapAfter - heapBefore < 64L * 1024 * 1024);
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
