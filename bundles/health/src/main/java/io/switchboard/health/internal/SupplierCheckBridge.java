package io.switchboard.health.internal;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes every contributed check (a {@code Supplier} with {@value CheckSnapshot#PROPERTY}) as a Felix
 * {@link HealthCheck} service, so the bundles keep their JDK-only contract and Felix's executor runs them all. The
 * checks named in {@code liveChecks} are also tagged {@value Tags#LIVE}.
 */
@Component(immediate = true, service = {}, configurationPid = SupplierCheckBridge.PID)
@Designate(ocd = SupplierCheckBridge.Config.class)
public final class SupplierCheckBridge {

    static final String PID = "io.switchboard.health.checks";

    /** Which contributed checks liveness runs. */
    @ObjectClassDefinition(name = "Switchboard health checks", description = "Which checks /health/live runs.")
    public @interface Config {
        @AttributeDefinition(description = "Checks that report what a restart mends (dead worker threads): /health/live runs them")
        String[] liveChecks() default {"async-queue", "invocation-records", "database-maintenance", "executor", "templates", "hot-deploy"};
    }

    private final BundleContext context;
    private final Set<String> live;
    private final Map<Supplier<?>, ServiceRegistration<HealthCheck>> published = new ConcurrentHashMap<>();
    private final Map<Supplier<?>, Map<String, Object>> pending = new ConcurrentHashMap<>();
    private volatile boolean active;

    @Activate
    public SupplierCheckBridge(BundleContext context, Config config) {
        this.context = context;
        this.live = Set.copyOf(Arrays.asList(config.liveChecks()));
        this.active = true;
        pending.forEach(this::publish);
        pending.clear();
    }

    @Deactivate
    void deactivate() {
        active = false;
        published.values().forEach(ServiceRegistration::unregister);
        published.clear();
    }

    @Reference(service = Supplier.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + CheckSnapshot.PROPERTY + "=*)")
    void addCheck(Supplier<?> supplier, Map<String, Object> properties) {
        if (active) {
            publish(supplier, properties);
        } else {
            // SCR binds dynamic references before the constructor's component is activated: published on activation.
            pending.put(supplier, properties);
        }
    }

    void removeCheck(Supplier<?> supplier) {
        pending.remove(supplier);
        ServiceRegistration<HealthCheck> registration = published.remove(supplier);
        if (registration != null) {
            registration.unregister();
        }
    }

    private void publish(Supplier<?> supplier, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(CheckSnapshot.PROPERTY));
        boolean critical = !"warning".equals(properties.get(CheckSnapshot.SEVERITY));
        Hashtable<String, Object> hc = new Hashtable<>();
        hc.put(HealthCheck.NAME, name);
        hc.put(HealthCheck.TAGS, live.contains(name) ? new String[] {Tags.SWITCHBOARD, Tags.LIVE} : new String[] {Tags.SWITCHBOARD});
        published.put(supplier, context.registerService(HealthCheck.class, new SupplierHealthCheck(name, supplier, critical), hc));
    }
}
