package io.switchboard.executor.graaljs.internal.modules;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request a function sends, and the request a redirect makes of it: 303, and 301/302 after anything but GET or
 * HEAD, become a GET without body (as browsers do); 307/308 keep method and body. Credentials ({@code Authorization},
 * {@code Cookie}, {@code Proxy-Authorization}) are not carried to another host.
 */
record Outbound(URI uri, String method, Map<String, String> headers, String body, boolean binaryBody) {
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    Outbound {
        headers = Map.copyOf(headers);
    }

    /** A request whose body is text, sent as UTF-8. */
    Outbound(URI uri, String method, Map<String, String> headers, String body) {
        this(uri, method, headers, body, false);
    }

    /** The request that follows this one's redirect answer, or null when the answer is no redirect to follow. */
    Outbound redirectedBy(int status, String location) {
        if (location == null || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
            return null;
        }
        URI next;
        try {
            next = uri.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            return null;
        }
        boolean toGet = status == 303 || (status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD");
        Map<String, String> nextHeaders = new LinkedHashMap<>();
        boolean sameHost = next.getHost().equalsIgnoreCase(uri.getHost()) && next.getPort() == uri.getPort();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((sameHost || !CREDENTIALS.contains(lower)) && !(toGet && (lower.equals("content-type") || lower.equals("content-length")))) {
                nextHeaders.put(name, value);
            }
        });
        return new Outbound(next, toGet ? "GET" : method, nextHeaders, toGet ? null : body, binaryBody && !toGet);
    }
}
