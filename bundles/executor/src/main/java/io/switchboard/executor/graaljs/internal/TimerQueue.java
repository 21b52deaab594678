package io.switchboard.executor.graaljs.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.graalvm.polyglot.Value;

/** The pending {@code setTimeout} callbacks of one invocation; used only on the invocation's thread. */
final class TimerQueue {

    private record Timer(int id, long dueNanos, long order, Value callback) {
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final Map<Integer, Timer> byId = new HashMap<>();
    private int nextId = 1;
    private long order;

    int schedule(Value callback, long delayMillis, long nowNanos) {
        long delay = Math.max(0, Math.min(delayMillis, Integer.MAX_VALUE)) * 1_000_000L;
        Timer timer = new Timer(nextId++, nowNanos + delay, order++, callback);
        queue.add(timer);
        byId.put(timer.id, timer);
        return timer.id;
    }

    void cancel(int id) {
        Timer timer = byId.remove(id);
        if (timer != null) {
            queue.remove(timer);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** When the next timer is due, or {@code Long.MAX_VALUE} when none is pending. */
    long nextDueNanos() {
        Timer next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.dueNanos;
    }

    /** Removes and returns the callback of the next timer due at {@code nowNanos}, or null. */
    Value takeDue(long nowNanos) {
        Timer next = queue.peek();
        if (next == null || next.dueNanos - nowNanos > 0) {
            return null;
        }
        queue.poll();
        byId.remove(next.id);
        return next.callback;
    }

    void clear() {
        queue.clear();
        byId.clear();
    }
}
