package io.switchboard.camel.internal.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A webhook path, plain ({@code /events/system-messages/conversation-end}) or a template whose {@code {name}}
 * segments each match one path segment ({@code /events/third-party-bots/bots/{botId}/pre-hook}).
 *
 * @param path the path as the route names it
 * @param segments its segments
 */
record WebhookPath(String path, List<String> segments) {

    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}");

    static WebhookPath of(String path) {
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || (segment.contains("{") || segment.contains("}")) && !VARIABLE.matcher(segment).matches()) {
                throw new IllegalArgumentException("Webhook path " + path + ": a segment is a name or a whole {variable}, not '" + segment + "'");
            }
        }
        return new WebhookPath(path, segments);
    }

    boolean isTemplate() {
        return path.contains("{");
    }

    /** How many segments are fixed: a template with more fixed segments is more specific. */
    long fixedSegments() {
        return segments.stream().filter(s -> !s.startsWith("{")).count();
    }

    /** The variables of a request path that matches this template, decoded; empty when it does not match. */
    Optional<Map<String, String>> match(String requestPath) {
        if (!requestPath.startsWith("/")) {
            return Optional.empty();
        }
        return match(requestPath.substring(1).split("/", -1));
    }

    /** As {@link #match(String)}, for the segments of a request path (split at every {@code /} after the leading one). */
    Optional<Map<String, String>> match(String[] parts) {
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                String value = decode(parts[i]);
                if (value.isEmpty() || value.contains("/")) {
                    return Optional.empty();
                }
                variables.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    /** Percent-decoding of one path segment ({@code +} stays a plus sign). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
