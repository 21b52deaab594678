package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;

/**
 * A counter line ({@code [2/5] push hello}) on stderr while a command works through several functions, so a long push or
 * deploy shows where it is. Only on a terminal, only for more than one function, never with {@code -o json}: scripts and
 * pipes see exactly the output they saw before. The line is cleared before the command prints its own result lines.
 */
final class Progress {
    private static final String CLEAR_LINE = "\r\u001b[2K";
    private final Environment environment;
    private final String verb;
    private final int total;
    private final boolean shown;
    private int done;

    Progress(Environment environment, boolean json, String verb, int total) {
        this.environment = environment;
        this.verb = verb;
        this.total = total;
        this.shown = environment.terminal() && !json && total > 1;
    }

    /** The next function begins: shows {@code [n/total] verb name}. */
    void next(String name) {
        done++;
        if (shown) {
            environment.err().print(CLEAR_LINE + "[" + done + "/" + total + "] " + verb + " " + name);
            environment.err().flush();
        }
    }

    /** Removes the counter line (before the command prints, and at the end). */
    void clear() {
        if (shown) {
            environment.err().print(CLEAR_LINE);
            environment.err().flush();
        }
    }
}
