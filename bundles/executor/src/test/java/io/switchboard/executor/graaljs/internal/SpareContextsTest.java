package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/** Contexts prepared ahead for new function versions, with libraries preloaded. */
class SpareContextsTest {

    @Test
    void aSpareIsTakenForItsToolbeltGenerationAndAStaleOneIsClosed() {
        AtomicInteger prepared = new AtomicInteger();
        long[] generation = {1};
        try (SpareContexts spares = new SpareContexts(1, () -> new ToolbeltRegistry.Snapshot(generation[0], List.of()), (snapshot, created) -> {
            Context context = Context.create("js");
            created.accept(context);
            prepared.incrementAndGet();
            return new SandboxFactory.Prepared(context, null, null, snapshot.generation());
        })) {
            await(() -> spares.ready() == 1);
            SandboxFactory.Prepared spare = spares.take(1);
            assertThat(spare).isNotNull();
            spare.context().close();

            generation[0] = 2;
            await(() -> spares.ready() == 1);
            assertThat(spares.take(3)).as("a spare of another generation is not used").isNull();
            await(() -> prepared.get() >= 3);
        }
    }

    @Test
    void aNewVersionRequiringAPreloadedLibraryStartsFromASpare() {
        GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class,
                Map.of("spareContexts", 1, "preloadModules", new String[] {"lodash", "no-such-module"})));
        try {
            await(() -> executor.spareContexts() == 1);
            ExecutionResult result = executor.execute(Functions.request(
                    "const _ = require('lodash');\nasync function lambda(input) { return _.chunk([1, 2, 3], 2); }"));

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            assertThat(result.resultJson()).isEqualTo("[[1,2],[3]]");
        } finally {
            executor.deactivate();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within 60 s").isNegative();
            Thread.onSpinWait();
        }
    }
}
