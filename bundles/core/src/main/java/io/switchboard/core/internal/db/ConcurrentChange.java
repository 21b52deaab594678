package io.switchboard.core.internal.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a transaction that lost a race with another one, on H2 and PostgreSQL: a lock not granted in time, a
 * deadlock, a serialization failure. Such a request is answered "changed concurrently; retry", not as a failure.
 */
public final class ConcurrentChange {

    /**
     * 40001 serialization failure (H2 also for its deadlocks), 40P01 PostgreSQL deadlock, 55P03 PostgreSQL lock not
     * available, HYT00 H2 lock timeout.
     */
    private static final Set<String> SQLSTATES = Set.of("40001", "40P01", "55P03", "HYT00");

    private ConcurrentChange() {
    }

    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQLSTATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
