package io.switchboard.api.http.internal.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path such as {@code /accounts/{account}/functions/{id}}: literal segments and named variables. */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    /** Parses a template; every segment is a literal or a whole-segment variable {@code {name}}. */
    public static PathTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        List<String> segments = split(template);
        for (String segment : segments) {
            if (segment.isEmpty() || (segment.contains("{") && !isVariable(segment))) {
                throw new IllegalArgumentException("invalid segment '" + segment + "' in path template " + template);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /** The variables' values when the path matches this template. */
    public Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (isVariable(segment)) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(variables));
    }

    @Override
    public String toString() {
        return template;
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")
                && segment.indexOf('{', 1) < 0 && segment.indexOf('}') == segment.length() - 1;
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        List<String> parts = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return parts;
        }
        int start = 0;
        for (int slash = trimmed.indexOf('/'); slash >= 0; slash = trimmed.indexOf('/', start)) {
            parts.add(trimmed.substring(start, slash));
            start = slash + 1;
        }
        parts.add(trimmed.substring(start));
        return parts;
    }
}
