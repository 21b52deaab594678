package io.switchboard.core.internal.db;

import java.sql.SQLException;

/** Recognises a unique-constraint violation the same way on H2 and PostgreSQL (SQLSTATE 23505). */
public final class UniqueViolation {

    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
