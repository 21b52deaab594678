package io.switchboard.core.api.log;

/**
 * Text a tenant controls (a function's error message or result, a header, a name), made safe for one log line: control
 * characters, Unicode line separators and bidirectional overrides are escaped ({@code \n}, {@code \u2028}, ...), so the
 * text cannot start a forged log line or reorder what a reader sees, and it is cut at a length cap, so a function cannot
 * write megabytes into the server log. Only the kept part is examined: cutting a 20 MB message costs nothing more than
 * cutting a short one.
 *
 * <p>Use it at every log call that includes such text: {@code LOG.warn("... {}", SafeText.of(error))}.
 */
public final class SafeText {

    /** The cap of {@link #of(Object)}: enough for any message an operator reads, small enough for any log. */
    public static final int DEFAULT_MAX_CHARS = 1_000;

    private SafeText() {
    }

    /** The value's text, escaped and cut at {@value #DEFAULT_MAX_CHARS} characters; {@code "null"} for null. */
    public static String of(Object value) {
        return of(value, DEFAULT_MAX_CHARS);
    }

    /**
     * The value's text, escaped and cut at {@code maxChars} characters of the original (escapes make the result longer);
     * a cut text ends with {@code ...[+N chars]}.
     */
    public static String of(Object value, int maxChars) {
        String text = String.valueOf(value);
        int keep = Math.min(text.length(), Math.max(0, maxChars));
        if (keep > 0 && keep < text.length() && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        StringBuilder out = null;
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(keep + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        if (out == null && keep == text.length()) {
            return text;
        }
        if (out == null) {
            out = new StringBuilder(keep + 16).append(text, 0, keep);
        }
        if (keep < text.length()) {
            out.append("...[+").append(text.length() - keep).append(" chars]");
        }
        return out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return null; // kept: escapes stay readable; a forged "\n" in the text is two harmless characters
            default:
                return needsEscape(c) ? String.format("\\u%04x", (int) c) : null;
        }
    }

    /** C0/C1 controls, NEL, line and paragraph separators, bidirectional embeddings, overrides and isolates. */
    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
    }
}
