package io.switchboard.core.internal.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many invocations run at once per function and per account. Acquisition never blocks: a full
 * limit is answered at once, so a busy function never holds up callers of other functions.
 */
final class ConcurrencyLimiter {

    /** Held while one invocation runs; closing it frees the slots. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private volatile int perFunction;
    private volatile int perAccount;
    // Counters rather than semaphores: a changed limit applies to the next acquisition, with runs in flight counted.
    private final ConcurrentMap<String, AtomicInteger> functions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> accounts = new ConcurrentHashMap<>();

    ConcurrencyLimiter(int perFunction, int perAccount) {
        resize(perFunction, perAccount);
    }

    /** New limits; runs holding permits keep them, and count against the new limits. */
    void resize(int perFunction, int perAccount) {
        this.perFunction = Math.max(1, perFunction);
        this.perAccount = Math.max(1, perAccount);
    }

    /** A permit for one invocation of the function, or empty when its or its account's limit is full. */
    Optional<Permit> tryAcquire(String account, String functionId) {
        AtomicInteger accountRuns = accounts.computeIfAbsent(account, k -> new AtomicInteger());
        AtomicInteger functionRuns = functions.computeIfAbsent(functionId, k -> new AtomicInteger());
        if (!take(accountRuns, perAccount)) {
            return Optional.empty();
        }
        if (!take(functionRuns, perFunction)) {
            accountRuns.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new OnceReleased(() -> {
            functionRuns.decrementAndGet();
            accountRuns.decrementAndGet();
        }));
    }

    private static boolean take(AtomicInteger running, int limit) {
        if (running.incrementAndGet() <= limit) {
            return true;
        }
        running.decrementAndGet();
        return false;
    }

    /** Permits for every function, or none at all. */
    Optional<List<Permit>> tryAcquireAll(String account, List<String> functionIds) {
        List<Permit> permits = new ArrayList<>();
        for (String functionId : functionIds) {
            Optional<Permit> permit = tryAcquire(account, functionId);
            if (permit.isEmpty()) {
                permits.forEach(Permit::close);
                return Optional.empty();
            }
            permits.add(permit.get());
        }
        return Optional.of(permits);
    }

    private static final class OnceReleased implements Permit {
        private final Runnable release;
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        OnceReleased(Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
