package io.switchboard.http.internal;

import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.BodyRefusedException.Refusal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the bodies being read, in all and per account: a read that would pass either limit is refused at once
 * rather than queued, so a slow client never makes another one wait.
 */
final class ReadPermits {

    /** A body read in progress; closing it (once) gives its place back. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicInteger total = new AtomicInteger();
    /** Reads in progress per account; an account leaves the map when its last read ends. */
    private final ConcurrentMap<String, Integer> perAccount = new ConcurrentHashMap<>();

    /** @throws BodyRefusedException (ACCOUNT_BUSY or SERVER_BUSY) when a limit is reached */
    Permit acquire(String account, BodyLimits limits) {
        boolean[] granted = {false};
        perAccount.compute(account, (key, reads) -> {
            int current = reads == null ? 0 : reads;
            if (current >= limits.maxReadsPerAccount()) {
                return reads;
            }
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            throw new BodyRefusedException(Refusal.ACCOUNT_BUSY, "Account '" + account + "' already sends "
                    + limits.maxReadsPerAccount() + " request bodies at once; retry when one of them is done",
                    limits.maxReadsPerAccount());
        }
        if (total.incrementAndGet() > limits.maxReads()) {
            total.decrementAndGet();
            release(account);
            throw new BodyRefusedException(Refusal.SERVER_BUSY, "The server already reads " + limits.maxReads()
                    + " request bodies at once; retry in a moment", limits.maxReads());
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                total.decrementAndGet();
                release(account);
            }
        };
    }

    /** Bodies being read now (for tests and diagnostics). */
    int inProgress() {
        return total.get();
    }

    private void release(String account) {
        perAccount.computeIfPresent(account, (key, reads) -> reads <= 1 ? null : reads - 1);
    }
}
