package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The console entries of one invocation, bounded as LivePerson bounds them: at most so many entries and so many
 * characters (message and extras together). Once an entry does not fit, it and every later one are dropped and
 * one error entry {@value #LIMIT_REACHED} closes the list; the run itself is not affected.
 */
final class LogCollector {
    static final String LIMIT_REACHED = "com.switchboard.function.log-limit-reached";

    private final int maxEntries;
    private final int maxChars;
    private final Clock clock;
    private final List<LogLine> lines = new ArrayList<>();
    private int chars;
    private int dropped;

    LogCollector(int maxEntries, int maxChars, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** Keeps the entry if it fits; false when it was dropped, and then every later entry is dropped too. */
    boolean add(LogLevel level, String message, String extrasJson) {
        int size = message.length() + (extrasJson == null ? 0 : extrasJson.length());
        if (dropped > 0 || lines.size() >= maxEntries || chars + size > maxChars) {
            dropped++;
            return false;
        }
        chars += size;
        lines.add(new LogLine(clock.instant(), level, message, extrasJson));
        return true;
    }

    /**
     * Counts an entry dropped without its text: once {@link #add} returned false, the console stops formatting and
     * sending entries (a run that logs in a loop would otherwise copy every line into the host only to drop it).
     */
    void dropped() {
        if (dropped > 0) {
            dropped++;
        }
    }

    /** The kept entries, plus the closing {@value #LIMIT_REACHED} entry when any were dropped. */
    List<LogLine> lines() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        List<LogLine> all = new ArrayList<>(lines);
        all.add(new LogLine(clock.instant(), LogLevel.ERROR, LIMIT_REACHED + ": " + dropped + " log entr"
                + (dropped == 1 ? "y" : "ies") + " dropped; a run keeps at most " + maxEntries + " entries and " + maxChars
                + " characters of message and extras"));
        return List.copyOf(all);
    }
}
