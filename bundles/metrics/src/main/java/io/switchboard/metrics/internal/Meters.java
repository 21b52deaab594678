package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one Micrometer registry of the platform (Prometheus format), with the JVM's meters bound, the label budget and
 * the duration buckets; the components that count and the servlet that answers scrapes all use this one.
 */
@Component(service = Meters.class, configurationPid = MetricsConfiguration.PID)
@Designate(ocd = MetricsConfiguration.class)
public final class Meters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LabelBudget labels;
    private final Duration[] durationBuckets;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    @Activate
    public Meters(MetricsConfiguration config) {
        this.labels = new LabelBudget(config.maxAccounts(), config.maxFunctions());
        this.durationBuckets = buckets(config.durationBucketsMillis());
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Deactivate
    public void close() {
        gc.close();
        registry.close();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    LabelBudget labels() {
        return labels;
    }

    Duration[] durationBuckets() {
        return durationBuckets.clone();
    }

    /** The scrape in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }

    static Duration[] buckets(String millis) {
        try {
            return Arrays.stream(millis.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).sorted()
                    .distinct().filter(m -> m > 0).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("durationBucketsMillis of " + MetricsConfiguration.PID
                    + " must be positive whole milliseconds separated by commas, not '" + millis + "'", e);
        }
    }
}
