package io.switchboard.executor.graaljs.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

/**
 * How full the old generation was after the most recent garbage collection, in percent of its maximum: what stays
 * after a collection is what is really kept, so this grows when warm contexts keep data between calls. Read from the
 * heap pools' collection usage (G1 "G1 Old Gen", Parallel "PS Old Gen", Serial "Tenured Gen"); with a collector
 * without an old pool (ZGC, Shenandoah) the whole heap's pools count.
 */
final class HeapGauge {
    private final List<MemoryPoolMXBean> pools;

    HeapGauge() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()).toList();
        List<MemoryPoolMXBean> old = heap.stream().filter(pool -> {
            String name = pool.getName().toLowerCase(Locale.ROOT);
            return name.contains("old") || name.contains("tenured");
        }).toList();
        this.pools = old.isEmpty() ? heap : old;
    }

    /** Percent of the old generation in use after the last collection; 0 when nothing was collected yet or unknown. */
    int percentUsedAfterCollection() {
        long used = 0;
        long max = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage == null) {
                continue;
            }
            used += usage.getUsed();
            max += usage.getMax() > 0 ? usage.getMax() : Math.max(usage.getCommitted(), 0);
        }
        if (max <= 0) {
            max = Runtime.getRuntime().maxMemory();
        }
        return max <= 0 ? 0 : (int) Math.min(100, used * 100 / max);
    }
}
