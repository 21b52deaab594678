package io.switchboard.http.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Which request paths are ambiguous: dot segments and encoded separators, dots or NULs mean one thing to one part of
 * the server and another to the next (Jetty resolves {@code /api/v1/..} to {@code /api/}, a servlet reading the raw
 * URI still sees {@code /api/v1/}). No path the platform serves needs them, so they are refused before any servlet.
 */
final class RequestPaths {

    private static final String[] ENCODED = {"%2e", "%2f", "%5c", "%00"};

    private RequestPaths() {
    }

    /** Why the raw (still encoded) request path is refused, or empty when it is fine. */
    static Optional<String> problemOf(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Optional.empty();
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("The path holds a backslash");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED) {
            if (lower.contains(encoded)) {
                return Optional.of("The path holds an encoded '.', '/', '\\' or NUL (" + encoded.toUpperCase(Locale.ROOT) + ")");
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                return Optional.of("The path holds a '" + name + "' segment");
            }
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("The path holds a control character");
            }
        }
        return Optional.empty();
    }
}
