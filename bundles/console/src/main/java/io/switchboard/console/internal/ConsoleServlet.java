package io.switchboard.console.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the console's single-page application at {@code /console/} from this bundle's {@code console/} folder.
 * The application talks only to the public REST API with the key its user typed; this servlet holds no state and no
 * API of its own. Every answer carries the console's security headers ({@link SecurityHeaders}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(ConsoleServlet.PATH + "/*")
@HttpWhiteboardServletName("switchboard-console")
public final class ConsoleServlet extends HttpServlet {
    /** Where the console is served. */
    public static final String PATH = "/console";

    private static final long serialVersionUID = 1L;

    private final transient ConsoleAssets assets;

    public ConsoleServlet() {
        this(new ConsoleAssets(ConsoleServlet.class.getClassLoader(), "console"));
    }

    ConsoleServlet(ConsoleAssets assets) {
        this.assets = assets;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            problem(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    "The console is static: only GET and HEAD are served at " + PATH + "/.");
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            // "/console" without the slash: the application's relative asset paths need the folder form.
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            return;
        }
        Optional<ConsoleAssets.Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            problem(response, HttpServletResponse.SC_NOT_FOUND, "not-found", "Not found",
                    "The console has no file " + PATH + path + "; open " + PATH + "/ (its pages are addressed after '#').");
            return;
        }
        send(asset.get(), response, method.equals("HEAD"));
    }

    private static void send(ConsoleAssets.Asset asset, HttpServletResponse response, boolean headOnly) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        response.setHeader("Cache-Control", asset.immutable()
                // Vite names built assets by a hash of their content: a changed file has a new name.
                ? "public, max-age=31536000, immutable"
                // index.html names the current assets, so it is checked on every load.
                : "no-cache");
        if (asset.length() >= 0) {
            response.setContentLengthLong(asset.length());
        }
        if (headOnly) {
            return;
        }
        try (InputStream in = asset.open(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"type\":\"urn:switchboard:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
