package io.switchboard.executor.graaljs.internal;

import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what a warm context may keep between calls. GraalJS Community Edition has no per-context heap limit, and a
 * function's globals live as long as its context: a function that keeps a new array in a global on every call would
 * grow the heap without end. So a context is closed instead of pooled after {@code maxUses} runs, once its runs have
 * allocated {@code maxAllocatedBytes} in all since it was created (allocation bounds what it can have kept) while the
 * old generation after a collection is at or above {@code budgetHeapPercent} of its maximum, and, platform-wide, while
 * it is above {@code heapPercent}: then every idle context is closed and none is pooled until the heap is below the
 * threshold again.
 *
 * <p>The allocation budget waits for the heap to fill because allocation is mostly garbage: a function transforming a
 * 2 KB payload allocates about 55 KB per run, so a 2 GiB budget rebuilt one of its contexts every few seconds at
 * 13,000 events/s, and each rebuild re-ran the prelude and the preloaded libraries, which kept the JIT compiling
 * (docs/benchmarks.md, "Round 6"). While the heap is mostly free, what a context kept costs nothing yet.
 */
final class ContextRecycling {
    private static final Logger LOG = LoggerFactory.getLogger(ContextRecycling.class);

    private final long maxUses;
    private final long maxAllocatedBytes;
    private final int budgetHeapPercent;
    private final int heapPercent;
    private final IntSupplier heapUsedPercent;
    private volatile boolean heapPressure;
    /** The old generation's use after GC at the last reading, in percent of its maximum. */
    private volatile int lastHeapPercent;

    /**
     * @param maxUses runs per context; 0: no bound
     * @param maxAllocatedBytes bytes the runs on a context may allocate in all; 0: no bound
     * @param budgetHeapPercent old-generation use after GC from which {@code maxAllocatedBytes} applies; 0: always
     * @param heapPercent old-generation use after GC above which no context is kept; 0: off
     */
    ContextRecycling(long maxUses, long maxAllocatedBytes, int budgetHeapPercent, int heapPercent, IntSupplier heapUsedPercent) {
        this.maxUses = maxUses;
        this.maxAllocatedBytes = maxAllocatedBytes;
        this.budgetHeapPercent = budgetHeapPercent;
        this.heapPercent = heapPercent;
        this.heapUsedPercent = heapUsedPercent;
        this.lastHeapPercent = budgetHeapPercent > 0 ? heapUsedPercent.getAsInt() : 0;
    }

    /** Whether a context that just finished a clean run may go back to the pool. */
    boolean mayKeep(WarmContext warm) {
        return !heapPressure && (maxUses <= 0 || warm.uses() < maxUses)
                && (maxAllocatedBytes <= 0 || warm.allocatedBytes() < maxAllocatedBytes || lastHeapPercent < budgetHeapPercent);
    }

    /**
     * Reads the heap gauge (on the housekeeping thread); true when the heap just went above the threshold, so the
     * caller closes every idle context.
     */
    boolean heapPressureStarted() {
        if (heapPercent <= 0 && budgetHeapPercent <= 0) {
            return false;
        }
        int used = heapUsedPercent.getAsInt();
        lastHeapPercent = used;
        if (heapPercent <= 0) {
            return false;
        }
        boolean high = used >= heapPercent;
        boolean started = high && !heapPressure;
        if (started) {
            LOG.warn("The old generation is {}% full after GC (threshold {}%): closing idle function contexts and keeping none until it "
                    + "falls below", used, heapPercent);
        } else if (!high && heapPressure) {
            LOG.info("The old generation is {}% full after GC, below {}%: function contexts are kept again", used, heapPercent);
        }
        heapPressure = high;
        return started;
    }

    boolean underHeapPressure() {
        return heapPressure;
    }
}
