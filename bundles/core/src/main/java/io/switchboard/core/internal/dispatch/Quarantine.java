package io.switchboard.core.internal.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;

/**
 * Keeps functions that burn CPU until they are stopped from crowding out everyone else's. A run that the executor
 * had to stop (timeout, memory or statement limit) while it kept its thread busy puts its function in quarantine
 * for a while: during it, the function's runs share a few platform-wide slots and a CPU budget (a share of one
 * core, as a token bucket holding at most ten seconds' worth) with the other quarantined functions, so a busy
 * loop or a memory bomb under load takes a small, bounded part of the machine instead of one thread per event.
 * A function that merely waited (a slow HTTP target) is not quarantined: waiting costs no CPU. A run the executor could
 * not stop at all ({@link ExecutionResult#UNSTOPPABLE}) always puts its function in quarantine.
 *
 * <p>A quarantined run that finds no free slot is not run: a synchronous caller gets a {@code REJECTED} outcome for
 * that function (the event's other functions run as usual); an asynchronous task waits in its queue.
 */
final class Quarantine {

    static final String QUARANTINED = "com.switchboard.dispatch.quarantined";

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final Set<String> LIMIT_ERRORS = Set.of("com.switchboard.function.memory-limit", "com.switchboard.function.statement-limit");

    /** A held slot (or none needed); closing it frees the slot, closing it again does nothing. */
    interface Slot extends AutoCloseable {
        /** Charges the CPU time of the run to the quarantine's budget (nothing for a run that needed no slot). */
        void charge(long cpuNanos);

        @Override
        void close();
    }

    private static final Slot FREE = new Slot() {
        @Override
        public void charge(long cpuNanos) {
        }

        @Override
        public void close() {
        }
    };

    private static final long BUCKET_SECONDS = 10;

    private final long durationNanos;
    private final double busyShare;
    private final Semaphore slots;
    private final int slotCount;
    private final LongSupplier nanoTime;
    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private final double cpuShare;
    private final long maxBalanceNanos;
    private long balanceNanos;
    private long refilledAt;

    /**
     * @param duration how long a function stays in quarantine after its last offence (zero: never)
     * @param slots quarantined runs allowed at once over all accounts
     * @param cpuShare CPU the quarantined runs may use together, in cores (0.1: a tenth of one core); 0: no budget
     * @param busyShare share of a stopped run's wall time its thread must have spent on CPU for it to count
     */
    Quarantine(Duration duration, int slots, double cpuShare, double busyShare, LongSupplier nanoTime) {
        this.durationNanos = Math.max(0, duration.toNanos());
        this.slotCount = Math.max(1, slots);
        this.slots = new Semaphore(slotCount);
        this.cpuShare = Math.max(0, cpuShare);
        this.maxBalanceNanos = (long) (this.cpuShare * BUCKET_SECONDS * 1_000_000_000L);
        this.balanceNanos = maxBalanceNanos;
        this.busyShare = busyShare;
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
    }

    boolean isQuarantined(String functionId) {
        Long end = until.get(functionId);
        if (end == null) {
            return false;
        }
        if (nanoTime.getAsLong() - end >= 0) {
            until.remove(functionId, end);
            return false;
        }
        return true;
    }

    /** A slot for a run of the function: {@link #FREE} when it is not quarantined, empty when every slot is taken. */
    Optional<Slot> admit(String functionId) {
        if (!isQuarantined(functionId)) {
            return Optional.of(FREE);
        }
        if (!hasBudget() || !slots.tryAcquire()) {
            return Optional.empty();
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return Optional.of(new Slot() {
            @Override
            public void charge(long cpuNanos) {
                spend(cpuNanos);
            }

            @Override
            public void close() {
                if (held.compareAndSet(true, false)) {
                    slots.release();
                }
            }
        });
    }

    private synchronized boolean hasBudget() {
        if (cpuShare == 0) {
            return true;
        }
        refill();
        return balanceNanos >= 0;
    }

    private synchronized void spend(long cpuNanos) {
        if (cpuShare > 0) {
            refill();
            balanceNanos -= Math.max(0, cpuNanos);
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        balanceNanos = Math.min(maxBalanceNanos, balanceNanos + (long) ((now - refilledAt) * cpuShare));
        refilledAt = now;
    }

    /** Judges a finished run: stopped by the executor while busy on CPU puts (or keeps) the function in quarantine. */
    void judge(String account, String functionId, ExecutionResult result, long cpuNanos, long wallNanos) {
        boolean unstoppable = result.error() != null && ExecutionResult.UNSTOPPABLE.equals(result.error().errorCode());
        if (durationNanos == 0 || !unstoppable && (!stoppedByTheExecutor(result) || wallNanos <= 0 || cpuNanos < busyShare * wallNanos)) {
            return;
        }
        Long previous = until.put(functionId, nanoTime.getAsLong() + durationNanos);
        if (previous == null || nanoTime.getAsLong() - previous >= 0) {
            LOG.warn("Function {} of account {} was stopped ({}) after {} ms on CPU: quarantined for {} s, its runs share {} platform-wide "
                    + "slot(s) with other quarantined functions", functionId, account, result.error() == null ? result.outcome()
                    : result.error().errorCode(), cpuNanos / 1_000_000, Duration.ofNanos(durationNanos).toSeconds(), slotCount);
        }
    }

    String explanation(String functionName) {
        return "Function '" + functionName + "' was stopped for its time or memory limit while busy on CPU within the last "
                + Duration.ofNanos(durationNanos).toSeconds() + " s; until then it runs only within the CPU budget and the " + slotCount
                + " slot(s) quarantined functions share, and they were used up";
    }

    private static boolean stoppedByTheExecutor(ExecutionResult result) {
        return result.outcome() == Outcome.TIMEOUT
                || (result.outcome() == Outcome.ERROR && result.error() != null && LIMIT_ERRORS.contains(result.error().errorCode()));
    }
}
