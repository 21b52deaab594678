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
import io.switchboard.core.internal.invocation.RecordPolicy;

/**
 * Keeps functions that burn CPU until they are stopped from crowding out everyone else's. A run that the executor
 * had to stop (timeout, memory or statement limit) while it kept its thread busy puts its function in quarantine
 * for a while: during it, the function's runs share a few platform-wide slots and a CPU budget (a share of one
 * core, as a token bucket holding at most ten seconds' worth) with the other quarantined functions, so a busy
 * loop or a memory bomb under load takes a small, bounded part of the machine instead of one thread per event.
 * A function that merely waited (a slow HTTP target) is not quarantined: waiting costs no CPU. A run the executor could
 * not stop at all ({@link ExecutionResult#UNSTOPPABLE}) always puts its function in quarantine.
 *
 * <p>A quarantined run that finds no free slot, or a budget with less than {@link #MIN_RUN_NANOS} left, is not run: a
 * synchronous caller gets a {@code REJECTED} outcome for that function (the event's other functions run as usual); an
 * asynchronous task waits in its queue. An admitted run reserves what is left of the budget and may run no longer than
 * that (its timeout is cut to it), so quarantined runs together never take more than their share: before, a run
 * admitted with one second left kept its core for its whole timeout (2 s of a CPU loop beside a quiet account) and put
 * the budget a second in debt.
 */
final class Quarantine {

    static final String QUARANTINED = RecordPolicy.QUARANTINED;

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final Set<String> LIMIT_ERRORS = Set.of("com.switchboard.function.memory-limit", "com.switchboard.function.statement-limit");

    /** A held slot (or none needed); closing it frees the slot, closing it again does nothing. */
    interface Slot extends AutoCloseable {
        /** Charges the CPU time of the run to the quarantine's budget (nothing for a run that needed no slot). */
        void charge(long cpuNanos);

        /** The time the run may take: the function's own timeout, cut to the budget the slot reserved. */
        Duration timeout(Duration functionTimeout);

        @Override
        void close();
    }

    private static final Slot FREE = new Slot() {
        @Override
        public void charge(long cpuNanos) {
        }

        @Override
        public Duration timeout(Duration functionTimeout) {
            return functionTimeout;
        }

        @Override
        public void close() {
        }
    };

    private static final long BUCKET_SECONDS = 10;
    /** The least budget a quarantined run is admitted with: less would stop even a well-behaved run at once. */
    static final long MIN_RUN_NANOS = 100_000_000L;

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

    /** Whether any function is in quarantine now (ended ones may still count until asked about): a cheap first test. */
    boolean anyQuarantined() {
        return !until.isEmpty();
    }

    /**
     * Whether a run of the function would be refused now, without taking anything: empty when it is not quarantined
     * or a slot and enough budget are free; else the time until the quarantine may let a run in (the budget refilled to
     * {@link #MIN_RUN_NANOS}, or the function's quarantine over, whichever comes first; at least one second, as a
     * {@code Retry-After} counts whole seconds). A slot held by another run is assumed to free within that time: the
     * run holding it reserved the whole budget, so the refill is what a retry waits for.
     */
    Optional<Duration> refusal(String functionId) {
        Long end = until.get(functionId);
        if (end == null || !isQuarantined(functionId)) {
            return Optional.empty();
        }
        long budgetWait = budgetWaitNanos();
        boolean slotFree = slots.availablePermits() > 0;
        if (slotFree && budgetWait == 0) {
            return Optional.empty();
        }
        long wait = Math.min(end - nanoTime.getAsLong(), Math.max(budgetWait, slotFree ? 0 : 1));
        return Optional.of(Duration.ofSeconds(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L)));
    }

    /** Nanoseconds until the budget holds enough for a run (0: it does now, or there is no budget). */
    private synchronized long budgetWaitNanos() {
        if (cpuShare == 0) {
            return 0;
        }
        refill();
        return balanceNanos >= MIN_RUN_NANOS ? 0 : Math.round((MIN_RUN_NANOS - balanceNanos) / cpuShare);
    }

    /** A slot for a run of the function: {@link #FREE} when it is not quarantined, empty when every slot is taken. */
    Optional<Slot> admit(String functionId) {
        if (!isQuarantined(functionId)) {
            return Optional.of(FREE);
        }
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        long reserved = reserve();
        if (reserved < 0) {
            slots.release();
            return Optional.empty();
        }
        AtomicBoolean held = new AtomicBoolean(true);
        AtomicBoolean charged = new AtomicBoolean();
        return Optional.of(new Slot() {
            @Override
            public void charge(long cpuNanos) {
                if (charged.compareAndSet(false, true)) {
                    settle(reserved, cpuNanos);
                }
            }

            @Override
            public Duration timeout(Duration functionTimeout) {
                // no timeout of its own (the executor's default): the reservation is the run's timeout
                boolean withinReservation = functionTimeout != null && functionTimeout.toNanos() <= reserved;
                return reserved == Long.MAX_VALUE || withinReservation ? functionTimeout : Duration.ofNanos(reserved);
            }

            @Override
            public void close() {
                if (held.compareAndSet(true, false)) {
                    slots.release();
                }
            }
        });
    }

    /** Takes what is left of the budget for one run: its nanoseconds, MAX_VALUE without a budget, -1 when too little is left. */
    private synchronized long reserve() {
        if (cpuShare == 0) {
            return Long.MAX_VALUE;
        }
        refill();
        if (balanceNanos < MIN_RUN_NANOS) {
            return -1;
        }
        long reserved = balanceNanos;
        balanceNanos = 0;
        return reserved;
    }

    /** Gives back what a run reserved and did not use (or takes what it overran: the executor stops a run late). */
    private synchronized void settle(long reserved, long cpuNanos) {
        if (cpuShare > 0) {
            refill();
            balanceNanos = Math.min(maxBalanceNanos, balanceNanos + reserved - Math.max(0, cpuNanos));
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
                + " slot(s) quarantined functions share (each run stopped when the budget it reserved is spent), and they were used up";
    }

    private static boolean stoppedByTheExecutor(ExecutionResult result) {
        return result.outcome() == Outcome.TIMEOUT
                || (result.outcome() == Outcome.ERROR && result.error() != null && LIMIT_ERRORS.contains(result.error().errorCode()));
    }
}
