package io.switchboard.health.internal;

import io.switchboard.core.api.security.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /health} (and {@code /health/ready}, the same): 200 when every project bundle and component runs and no
 * critical check fails, else 503; {@code GET /health/live}: 503 only when a check tagged {@value Tags#LIVE} (dead worker
 * threads: what a restart mends) fails. The checks are Felix Health Checks tagged {@value Tags#SWITCHBOARD}, run by
 * Felix's executor each time (the contributed {@code Supplier} checks are published as such by
 * {@link SupplierCheckBridge}); a warning ({@code WARN}) is listed without making the platform DOWN. Without a key it
 * answers only {@code {"status": "UP"}} or {@code DOWN}: it is the probe for load balancers and scripts, and the
 * bundles, versions and components of the installation are no business of whoever reaches the port. With the admin key
 * ({@code Authorization: Bearer <key>}) it names every bundle, component and check, and what is wrong.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health", "/health/live", "/health/ready"})
@Designate(ocd = HealthServlet.Config.class)
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Configuration of the health probe. */
    @ObjectClassDefinition(name = "Switchboard health", description = "What GET /health checks.")
    public @interface Config {
        @AttributeDefinition(description = "Bundles whose symbolic name starts with this are the project's bundles.")
        String bundlePrefix() default "switchboard.";
    }

    private final transient PlatformSnapshot check;

    /** The core's key check; while the core is not running, nobody sees details (the status still answers). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Authenticator authenticator;

    /** Felix's executor; while it is not there, the probe says DOWN naming it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    transient volatile HealthCheckExecutor executor;

    @Activate
    public HealthServlet(BundleContext context, @Reference ServiceComponentRuntime scr, Config config) {
        this.check = new PlatformSnapshot(context, scr, config.bundlePrefix());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean liveness = request.getRequestURI().endsWith("/live");
        HealthReport report = liveness ? new HealthReport(List.of(), List.of(), FelixChecks.run(executor, Tags.LIVE))
                : check.run(FelixChecks.run(executor, Tags.SWITCHBOARD));
        response.setStatus(report.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        boolean details = AdminKey.presented(request.getHeader("Authorization"), authenticator);
        response.getWriter().write(details ? report.toJson() : report.statusJson());
    }
}
