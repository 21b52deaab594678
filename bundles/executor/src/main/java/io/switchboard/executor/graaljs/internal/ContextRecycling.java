package io.switchboard.executor.graaljs.internal;

import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what a warm context may keep between calls. GraalJS Community Edition has no per-context heap limit, and a
 * function's globals live as long as its context: a function that keeps a new array in a global on every call would
 * grow the heap without end. So a context is closed instead of pooled after {@code maxUses} runs, once its runs have
 * allocated {@code maxAllocatedBytes} in all since it was created (allocation bounds what it can have kept), and,
 * platform-wide, while the old generation after a collection is above {@code heapPercent} of its maximum: then every
 * idle context is closed and none is pooled until the heap is below the threshold again.
 */
final class ContextRecycling {
    private static final Logger LOG = LoggerFactory.getLogger(ContextRecycling.class);

    private final long maxUses;
    private final long maxAllocatedBytes;
    private final int heapPercent;
    private final IntSupplier heapUsedPercent;
    private volatile boolean heapPressure;

    /**
     * @param maxUses runs per context; 0: no bound
     * @param maxAllocatedBytes bytes the runs on a context may allocate in all; 0: no bound
     * @param heapPercent old-generation use after GC above which no context is kept; 0: off
     */
    ContextRecycling(long maxUses, long maxAllocatedBytes, int heapPercent, IntSupplier heapUsedPercent) {
        this.maxUses = maxUses;
        this.maxAllocatedBytes = maxAllocatedBytes;
        this.heapPercent = heapPercent;
        this.heapUsedPercent = heapUsedPercent;
    }

    /** Whether a context that just finished a clean run may go back to the pool. */
    boolean mayKeep(WarmContext warm) {
        return !heapPressure && (maxUses <= 0 || warm.uses() < maxUses)
                && (maxAllocatedBytes <= 0 || warm.allocatedBytes() < maxAllocatedBytes);
    }

    /**
     * Reads the heap gauge (on the housekeeping thread); true when the heap just went above the threshold, so the
     * caller closes every idle context.
     */
    boolean heapPressureStarted() {
        if (heapPercent <= 0) {
            return false;
        }
        int used = heapUsedPercent.getAsInt();
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
