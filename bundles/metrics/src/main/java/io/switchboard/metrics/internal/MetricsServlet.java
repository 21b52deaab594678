package io.switchboard.metrics.internal;

import io.switchboard.core.api.security.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /metrics}: the Prometheus scrape, for the admin key or the configured scrape token; anyone else gets 401
 * as a problem detail, like the API.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfiguration.PID)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient Meters meters;
    private final transient ScrapeAccess access;

    /** The core's key check; while the core is not running only the scrape token is accepted. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Authenticator authenticator;

    @Activate
    public MetricsServlet(@Reference Meters meters, MetricsConfiguration config) {
        this.meters = meters;
        this.access = new ScrapeAccess(config.scrapeToken());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!access.allowed(request.getHeader("Authorization"), authenticator)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"urn:switchboard:problem:unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"/metrics needs the admin key or the scrape token of " + MetricsConfiguration.PID
                    + " as 'Authorization: Bearer <key>'\"}");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        byte[] body = meters.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
