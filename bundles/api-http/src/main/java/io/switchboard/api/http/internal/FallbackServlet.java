package io.switchboard.api.http.internal;

import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.web.Problem;
import io.switchboard.api.http.internal.web.Problems;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The whiteboard's default servlet ({@code /}): whatever no other servlet serves is answered as problem JSON instead
 * of the container's HTML page, judged by the path as the container resolved it. A path under {@code /api/v1} reaches it only while the API servlet is not registered,
 * which happens for a moment when a service it uses is reconfigured; that is answered 503 with {@code Retry-After},
 * as the resource may well exist a second later. It has no references, so it stays registered through such restarts.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletName("switchboard-fallback")
public final class FallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ResponseWriter writer = new ResponseWriter(new Json());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The container's resolved path, never the raw URI: "/api/v1/.." reaches this servlet as "/api/", and reading
        // the raw URI would call that a restarting API instead of a path that is not served.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        writer.write(response, problemFor(path.isEmpty() ? "/" : path));
    }

    static Problem problemFor(String path) {
        if (path.equals(ApiServlet.BASE_PATH) || path.startsWith(ApiServlet.BASE_PATH + "/")) {
            return Problems.apiRestarting();
        }
        return Problems.notFound("Nothing is served at " + path + ". The API is under " + ApiServlet.BASE_PATH
                + ", health under /health, and GET " + ApiServlet.BASE_PATH
                + "/event-types lists each event type's webhookPath.");
    }
}
