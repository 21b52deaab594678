package io.switchboard.core.internal.dispatch;

import java.time.Clock;

import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;

/** The real dispatcher with an executor bound, for tests of other packages that invoke functions through it. */
public final class DispatcherTestAccess implements AutoCloseable {

    private final DispatcherImpl dispatcher;

    public DispatcherTestAccess(CoreFixture core, InvocationServiceImpl invocations, FunctionExecutor executor) {
        this.dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class), Clock.systemUTC());
        dispatcher.setExecutor(executor);
    }

    public FunctionInvoker invoker() {
        return dispatcher;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
