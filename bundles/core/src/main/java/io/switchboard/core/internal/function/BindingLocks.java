package io.switchboard.core.internal.function;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per (account, event): deploys that could bind to the same event run one after another, so the
 * count-then-bind of the limit check is atomic within this process. A function without an event needs no lock.
 */
final class BindingLocks {

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T withLock(String account, String eventType, Supplier<T> work) {
        if (eventType == null) {
            return work.get();
        }
        ReentrantLock lock = locks.computeIfAbsent(account + '\u0000' + eventType, key -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
