package io.switchboard.cli;

/** The documented exit codes of {@code sbf} (listed in {@code sbf --help} and docs/cli.md). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FUNCTION_FAILED = 1;
    public static final int USAGE = 2;
    public static final int API_ERROR = 3;
    public static final int UNREACHABLE = 4;
    public static final int PROJECT = 5;
    public static final int CANCELLED = 6;

    private ExitCode() {
    }
}
