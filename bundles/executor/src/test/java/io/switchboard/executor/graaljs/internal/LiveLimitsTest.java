package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentContext;

/** The executor's per-invocation limits apply live; a key that sizes its pools restarts the executor component. */
class LiveLimitsTest {

    private static final String SIX_LOGS = "async function lambda() { for (let i = 0; i < 6; i++) console.info(i); return 1; }";

    private final GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of("maxLogLines", 10)));
    /** What the executor asked of its component context: "disable name" / "enable name". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch modifiedReturned = new CountDownLatch(1);
    private final CountDownLatch restartRequested = new CountDownLatch(2);

    @AfterEach
    void stop() {
        executor.deactivate();
    }

    @Test
    void aChangedLogLimitAppliesToTheNextRunWithoutARestart() {
        assertThat(executor.execute(request(SIX_LOGS)).logs()).hasSize(6);

        executor.modified(context(), TestConfigs.of(GraalJsExecutor.Config.class, Map.of("maxLogLines", 2)));
        modifiedReturned.countDown();

        ExecutionResult limited = executor.execute(request(SIX_LOGS));
        assertThat(limited.logs()).hasSize(3);
        assertThat(limited.logs().get(2).message()).startsWith("com.switchboard.function.log-limit-reached");
        assertThat(requests).as("no restart for a per-invocation limit").isEmpty();
    }

    @Test
    void runningOnTheCallersThreadIsSwitchedLive() {
        java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
        executor.bindToolbeltModule(new io.switchboard.executor.toolbelt.ToolbeltModule() {
            @Override
            public String facadeScript() {
                return "(call) => function Where() { return { here: () => call('here') }; }";
            }

            @Override
            public java.util.concurrent.CompletionStage<String> call(io.switchboard.executor.toolbelt.ToolbeltCall call) {
                ranOn.set(Thread.currentThread());
                return java.util.concurrent.CompletableFuture.completedFuture("1");
            }
        }, Map.of(io.switchboard.executor.toolbelt.ToolbeltModule.NAME_PROPERTY, "Where"));
        String code = "async function lambda() { return await require('lp-faas-toolbelt').Where().here(); }";
        io.switchboard.core.api.execution.CallerRescue rescue = new io.switchboard.core.api.execution.CallerRescue(result -> { });

        assertThat(rescue.call(() -> executor.execute(request(code))).resultJson()).isEqualTo("1");
        assertThat(ranOn.get()).as("a caller that can be rescued: its own thread").isSameAs(Thread.currentThread());
        executor.execute(request(code));
        assertThat(ranOn.get().getName()).as("no rescue: a worker").startsWith(WorkerPool.THREAD_PREFIX);

        executor.modified(context(), TestConfigs.of(GraalJsExecutor.Config.class, Map.of("runOnCallingThread", false)));
        modifiedReturned.countDown();
        rescue.call(() -> executor.execute(request(code)));
        assertThat(ranOn.get().getName()).as("switched off: a worker").startsWith(WorkerPool.THREAD_PREFIX);
        assertThat(requests).as("no restart").isEmpty();
    }

    @Test
    void aChangedPoolSizeRestartsTheExecutorComponentAndLeavesItsLimitsAlone() throws InterruptedException {
        executor.modified(context(), TestConfigs.of(GraalJsExecutor.Config.class, Map.of("maxLogLines", 2, "poolSizeTotal", 8)));
        modifiedReturned.countDown();

        assertThat(restartRequested.await(10, TimeUnit.SECONDS)).as("the restart was asked for").isTrue();
        assertThat(requests).containsExactly("disable " + GraalJsExecutor.class.getName(), "enable " + GraalJsExecutor.class.getName());
        assertThat(executor.execute(request(SIX_LOGS)).logs()).as("this instance keeps its limits until SCR replaces it").hasSize(6);
    }

    private ComponentContext context() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ComponentConstants.COMPONENT_NAME, GraalJsExecutor.class.getName());
        return (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ComponentContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> properties;
                    case "disableComponent", "enableComponent" -> {
                        // As Felix SCR does: a state change waits until @Modified has returned, so one asked for on the
                        // thread of @Modified would wait for ever (here: is recorded as such after 5 s).
                        boolean afterModified = modifiedReturned.await(5, TimeUnit.SECONDS);
                        requests.add(method.getName().replace("Component", "") + " " + args[0]
                                + (afterModified ? "" : " while @Modified still ran"));
                        restartRequested.countDown();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
