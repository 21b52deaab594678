package io.switchboard.executor.graaljs.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes a thread has allocated so far, from HotSpot's {@code com.sun.management.ThreadMXBean}. The method is
 * found through the platform bean's own interfaces, so the bundle needs no import of {@code com.sun.management}
 * (which frameworks do not export by default).
 */
final class AllocationMeter {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationMeter.class);
    private static final String HOTSPOT_BEAN = "com.sun.management.ThreadMXBean";

    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final Method threadAllocatedBytes = find(bean);

    /** False when this JVM cannot measure per-thread allocation; the memory budget is then not enforced. */
    boolean supported() {
        return threadAllocatedBytes != null;
    }

    /** Bytes allocated by the thread since it started, or -1 when unknown. */
    long allocatedBytes(long threadId) {
        if (threadAllocatedBytes == null) {
            return -1;
        }
        try {
            return (long) threadAllocatedBytes.invoke(bean, threadId);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return -1;
        }
    }

    private static Method find(ThreadMXBean bean) {
        for (Class<?> type = bean.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> contract : type.getInterfaces()) {
                if (HOTSPOT_BEAN.equals(contract.getName())) {
                    return enabled(bean, contract);
                }
            }
        }
        LOG.warn("This JVM does not report per-thread allocation: the executor's memory budget is not enforced");
        return null;
    }

    private static Method enabled(ThreadMXBean bean, Class<?> contract) {
        try {
            Method supported = contract.getMethod("isThreadAllocatedMemorySupported");
            Method enabled = contract.getMethod("isThreadAllocatedMemoryEnabled");
            if (!(boolean) supported.invoke(bean)) {
                LOG.warn("This JVM does not measure per-thread allocation: the executor's memory budget is not enforced");
                return null;
            }
            if (!(boolean) enabled.invoke(bean)) {
                contract.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            }
            return contract.getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            LOG.warn("Cannot read per-thread allocation ({}): the executor's memory budget is not enforced", e.toString());
            return null;
        }
    }
}
