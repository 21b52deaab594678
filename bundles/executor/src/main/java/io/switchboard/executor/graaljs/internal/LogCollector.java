package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The console lines of one invocation, bounded in count and UTF-8 size; what is dropped is counted. */
final class LogCollector {
    static final String TRUNCATED = " [truncated]";

    private final int maxLines;
    private final int maxBytes;
    private final Clock clock;
    private final List<LogLine> lines = new ArrayList<>();
    private int bytes;
    private int dropped;

    LogCollector(int maxLines, int maxBytes, Clock clock) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    void add(LogLevel level, String message) {
        if (lines.size() >= maxLines || bytes >= maxBytes) {
            dropped++;
            return;
        }
        int size = utf8Length(message);
        String kept = message;
        if (bytes + size > maxBytes) {
            kept = prefixWithin(message, maxBytes - bytes) + TRUNCATED;
            size = maxBytes - bytes;
        }
        bytes += size;
        lines.add(new LogLine(clock.instant(), level, kept));
    }

    /** The kept lines, plus one closing line saying how many were dropped when any were. */
    List<LogLine> lines() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        List<LogLine> all = new ArrayList<>(lines);
        all.add(new LogLine(clock.instant(), LogLevel.WARN, "[switchboard] " + dropped
                + " more log line(s) dropped: the limit is " + maxLines + " lines or " + maxBytes + " bytes per invocation"));
        return List.copyOf(all);
    }

    private static String prefixWithin(String text, int budget) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    static int utf8Length(String text) {
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                size += 4;
                i++;
            } else {
                size += utf8Length(c);
            }
        }
        return size;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
