package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gauges of parts whose objects this bundle cannot reach, read from their JMX MBeans: the core's database pool
 * (HikariCP registers {@value #HIKARI_POOL}) and Jetty's thread pool (Felix HTTP registers Jetty's MBeans with the
 * {@link MBeanServer} service, which this component registers: the platform's own, as {@code org.apache.felix.http.mbeans}
 * is set by the launcher). A gauge whose MBean is not there reads NaN, which Prometheus shows as such.
 */
@Component(service = JmxGauges.class, immediate = true)
public final class JmxGauges {

    static final String HIKARI_POOL = "com.zaxxer.hikari:type=Pool (switchboard-core)";
    static final String JETTY_THREAD_POOLS = "org.eclipse.jetty.util.thread:type=queuedthreadpool,*";

    private final MeterRegistry registry;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<Gauge> gauges = new ArrayList<>();
    private final ServiceRegistration<MBeanServer> published;

    @Activate
    public JmxGauges(@Reference Meters meters, BundleContext context) {
        this.registry = meters.registry();
        this.published = context.registerService(MBeanServer.class, server, new Hashtable<>());
        pool("hikaricp.connections.active", "ActiveConnections", "Database connections in use");
        pool("hikaricp.connections.idle", "IdleConnections", "Database connections idle in the pool");
        pool("hikaricp.connections.pending", "ThreadsAwaitingConnection", "Threads waiting for a database connection");
        pool("hikaricp.connections", "TotalConnections", "Database connections open");
        jetty("jetty.threads.current", "threads", "Threads of Jetty's pool");
        jetty("jetty.threads.idle", "idleThreads", "Idle threads of Jetty's pool");
        jetty("jetty.threads.busy", "busyThreads", "Busy threads of Jetty's pool");
        jetty("jetty.threads.config.max", "maxThreads", "Most threads Jetty's pool may have");
        jetty("jetty.threads.jobs", "queueSize", "Jobs waiting for a thread of Jetty's pool");
    }

    @Deactivate
    public void close() {
        gauges.forEach(registry::remove);
        published.unregister();
    }

    private void pool(String name, String attribute, String description) {
        gauges.add(Gauge.builder(name, () -> read(HIKARI_POOL, attribute)).tag("pool", "switchboard-core").description(description)
                .register(registry));
    }

    private void jetty(String name, String attribute, String description) {
        gauges.add(Gauge.builder(name, () -> sum(JETTY_THREAD_POOLS, attribute)).description(description).register(registry));
    }

    private double read(String objectName, String attribute) {
        try {
            return ((Number) server.getAttribute(new ObjectName(objectName), attribute)).doubleValue();
        } catch (Exception | LinkageError e) {
            return Double.NaN;
        }
    }

    /** The attribute summed over the MBeans the pattern matches (Jetty has one pool; a second server would add its own). */
    private double sum(String pattern, String attribute) {
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
            if (names.isEmpty()) {
                return Double.NaN;
            }
            double total = 0;
            for (ObjectName name : names) {
                total += ((Number) server.getAttribute(name, attribute)).doubleValue();
            }
            return total;
        } catch (Exception | LinkageError e) {
            return Double.NaN;
        }
    }
}
