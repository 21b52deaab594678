package io.switchboard.core.internal.db;

import java.sql.SQLException;

/** A database operation failed; carries what was being done so the log line is actionable. */
public final class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
