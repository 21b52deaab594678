package io.switchboard.executor.graaljs.internal;

/**
 * Makes text a function controls (error messages, engine messages) safe for the server log: control characters are
 * escaped, so a message cannot start a forged log line or move the terminal's cursor, and the length is capped, so a
 * function cannot fill the log with megabytes per call.
 */
public final class LogText {
    /** Characters of function-controlled text written into one server log entry. */
    public static final int MAX_CHARS = 2_000;

    private LogText() {
    }

    /** The text with control characters escaped ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}), cut at {@link #MAX_CHARS}. */
    public static String safe(String text) {
        return safe(text, MAX_CHARS);
    }

    /** The text with control characters escaped, cut at {@code maxChars} characters of the original with a note. */
    public static String safe(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), Math.max(0, maxChars));
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            out.append("... [").append(text.length() - end).append(" more characters]");
        }
        return out.toString();
    }

    /** A copy of {@code failure} (and its causes) whose messages are {@link #safe(String) safe}, with the same stack traces. */
    public static Throwable safe(Throwable failure) {
        return copy(failure, 0);
    }

    private static Throwable copy(Throwable failure, int depth) {
        if (failure == null || depth > 8) {
            return null;
        }
        Throwable copy = new LoggedException(failure.getClass().getName() + ": " + safe(failure.getMessage()), copy(failure.getCause(), depth + 1));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Stands in for an exception in the log: its message is the original class name and the escaped message. */
    private static final class LoggedException extends Exception {
        private static final long serialVersionUID = 1L;

        LoggedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
