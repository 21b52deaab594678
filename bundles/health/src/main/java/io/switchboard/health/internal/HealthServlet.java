package io.switchboard.health.internal;

import io.switchboard.core.api.security.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
 * {@code GET /health}: 200 when every project bundle and component runs and every contributed check (a {@code Supplier}
 * service with {@value CheckSnapshot#PROPERTY}, see {@link CheckSnapshot}) is clean, else 503. Without a key it answers
 * only {@code {"status": "UP"}} or {@code DOWN}: it is the probe for load balancers and scripts, and the bundles, versions
 * and components of the installation are no business of whoever reaches the port. With the admin key
 * ({@code Authorization: Bearer <key>}) it names every bundle, component and check, and what is wrong.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
@Designate(ocd = HealthServlet.Config.class)
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Configuration of the health probe. */
    @ObjectClassDefinition(name = "Switchboard health", description = "What GET /health checks.")
    public @interface Config {
        @AttributeDefinition(description = "Bundles whose symbolic name starts with this are the project's bundles.")
        String bundlePrefix() default "switchboard.";
    }

    private final transient HealthCheck check;

    /** The core's key check; while the core is not running, nobody sees details (the status still answers). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Authenticator authenticator;
    private final transient Map<Supplier<?>, String> checks = new ConcurrentHashMap<>();
    private final transient java.util.Set<Supplier<?>> warnings = ConcurrentHashMap.newKeySet();

    @Activate
    public HealthServlet(BundleContext context, @Reference ServiceComponentRuntime scr, Config config) {
        this.check = new HealthCheck(context, scr, config.bundlePrefix());
    }

    /** A contributed check: a {@code Supplier} of problems with the service property {@value CheckSnapshot#PROPERTY}. */
    @Reference(service = Supplier.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + CheckSnapshot.PROPERTY + "=*)")
    void addCheck(Supplier<?> supplier, Map<String, Object> properties) {
        if ("warning".equals(properties.get(CheckSnapshot.SEVERITY))) {
            warnings.add(supplier);
        }
        checks.put(supplier, String.valueOf(properties.get(CheckSnapshot.PROPERTY)));
    }

    void removeCheck(Supplier<?> supplier) {
        checks.remove(supplier);
        warnings.remove(supplier);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthReport report = check.run(Map.copyOf(checks), java.util.Set.copyOf(warnings));
        response.setStatus(report.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        boolean details = AdminKey.presented(request.getHeader("Authorization"), authenticator);
        response.getWriter().write(details ? report.toJson() : report.statusJson());
    }
}
