package io.switchboard.api.docs.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/docs/}: Swagger UI 5.35.0 (from its WebJar, inside this bundle) showing {@code /api/v1/openapi.json}.
 * Only the UI's own files are served, by name (no path is read from the request beyond one file name), so nothing but
 * what this bundle ships can be reached; the page asks for an API key, as the description needs one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/docs", "/api/docs/*"})
public final class ApiDocsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** This bundle's page and initializer. */
    static final String FOLDER = "/swagger-ui/";
    /** Swagger UI's files, where its WebJar keeps them. */
    static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.35.0/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "png", "image/png", "txt", "text/plain; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // Relative links of the page resolve against /api/docs/, not /api/.
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        InputStream in = FILE.matcher(name).matches() && TYPES.containsKey(extension) ? open(name) : null;
        if (in == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"urn:switchboard:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\"The API docs have no file '" + name.replaceAll("[^A-Za-z0-9._-]", "?") + "'\"}");
            return;
        }
        try (in) {
            response.setContentType(TYPES.get(extension));
            // The files change only with the bundle; the page itself is small and always fetched.
            response.setHeader("Cache-Control", name.equals("index.html") ? "no-cache" : "max-age=3600");
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }

    private static InputStream open(String name) {
        InputStream own = ApiDocsServlet.class.getResourceAsStream(FOLDER + name);
        return own != null ? own : ApiDocsServlet.class.getResourceAsStream(WEBJAR + name);
    }
}
