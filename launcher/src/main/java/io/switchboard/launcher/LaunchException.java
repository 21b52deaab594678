package io.switchboard.launcher;

/** A start-up failure the user can fix; printed as one line, ends the process with {@link #exitCode()}. */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit code for invalid or unreadable configuration. */
    static final int BAD_CONFIGURATION = 2;
    /** Exit code for an HTTP port that another process holds. */
    static final int PORT_IN_USE = 3;
    /** Exit code for a platform that did not come up. */
    static final int START_FAILED = 4;
    /** Exit code for a data folder that another instance holds. */
    static final int ALREADY_RUNNING = 5;

    private final int exitCode;

    LaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    LaunchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
