package io.switchboard.core.internal.function;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.internal.db.ConcurrentChange;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.UniqueViolation;

/**
 * One lock per function: create-free lifecycle changes of one function (update, deploy, rollback, undeploy, delete)
 * run one after another in this process, so they queue here instead of waiting on the database's row lock, whose
 * timeout would fail them. The row lock ({@code SELECT ... FOR UPDATE} of the function) still serialises them across
 * instances sharing the database. Locks are kept (one small object per function
 * changed since the start), as in {@link BindingLocks}: dropping one safely would need a lock of its own.
 */
final class FunctionLocks {

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * Runs one lifecycle change of the function after the others of this process (and, through the row lock the change
     * takes, of other instances). A change that lost a race the database noticed (a lock not granted in time, a
     * deadlock, a version number taken meanwhile) is a conflict to retry, never a failure of the platform.
     */
    <T> T serialized(String functionId, Supplier<T> change) {
        try {
            return withLock(functionId, change);
        } catch (DataAccessException e) {
            if (ConcurrentChange.causedBy(e) || UniqueViolation.causedBy(e)) {
                throw new ConflictException("Function " + functionId + " was changed concurrently; retry");
            }
            throw e;
        }
    }

    private <T> T withLock(String functionId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(functionId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
