package io.switchboard.http.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every servlet of the server (a whiteboard preprocessor, so also before servlets of other bundles and
 * before the container's own handling): refuses TRACE and TRACK, which would echo the request's credentials and
 * cookies back, and paths that are ambiguous ({@link RequestPaths}), with problem JSON.
 */
@Component(service = Preprocessor.class)
public final class RequestGuard implements Preprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            String method = http.getMethod();
            if ("TRACE".equalsIgnoreCase(method) || "TRACK".equalsIgnoreCase(method)) {
                answer.setHeader("Allow", ALLOWED_METHODS);
                refuse(answer, 405, "method-not-allowed", "Method not allowed",
                        method + " is not served: it would echo the request's credentials. Use " + ALLOWED_METHODS + ".");
                return;
            }
            Optional<String> ambiguous = RequestPaths.problemOf(http.getRequestURI());
            if (ambiguous.isPresent()) {
                LOG.debug("{} {} refused: {}", method, http.getRequestURI(), ambiguous.get());
                refuse(answer, 400, "ambiguous-path", "Ambiguous path",
                        ambiguous.get() + "; send the path without dot segments or encoded separators.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        // Every text here is the guard's own (no part of the request), so it needs no escaping beyond quotes.
        String json = "{\"type\":\"urn:switchboard:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // The request's body (if any) stays unread, so the connection cannot carry another request.
        response.setHeader("Connection", "close");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
