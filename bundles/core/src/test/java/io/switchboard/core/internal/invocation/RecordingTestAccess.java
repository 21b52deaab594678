package io.switchboard.core.internal.invocation;

import java.time.Clock;
import java.util.function.LongSupplier;

import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;

/** The real record writer for tests of other packages, with the refusal windows of its record policy on a clock of the test's. */
public final class RecordingTestAccess {

    private RecordingTestAccess() {
    }

    /** The default policy (every run in full, a quarantined function's refusals one a second) on the given clock. */
    public static InvocationServiceImpl withRefusalClock(CoreFixture core, LongSupplier nowMillis) {
        RecordPolicy policy = new RecordPolicy(TestConfigs.config(RecordPolicy.Config.class), () -> 0.5, nowMillis);
        return new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class), Clock.systemUTC(),
                policy);
    }
}
