package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.api.observe.AsyncQueueState;
import io.switchboard.core.api.observe.AsyncQueueStatistics;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The asynchronous queue's depth, age and dead letters as gauges. One scrape reads the three from one query: the state
 * is kept for {@link #FRESH} so the gauges of a scrape do not each ask the database.
 */
@Component(service = QueueGauges.class, immediate = true)
public final class QueueGauges {

    static final Duration FRESH = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final Memo memo;
    private final Gauge[] gauges;

    @Activate
    public QueueGauges(@Reference Meters meters, @Reference AsyncQueueStatistics statistics) {
        this(meters.registry(), statistics, System::nanoTime);
    }

    QueueGauges(MeterRegistry registry, AsyncQueueStatistics statistics, LongSupplier nanoTime) {
        this.registry = registry;
        this.memo = new Memo(statistics, nanoTime);
        this.gauges = new Gauge[] {
            gauge("switchboard.async.queue.pending", "Tasks of asynchronous events waiting to run or be retried", AsyncQueueState::pendingTasks),
            gauge("switchboard.async.queue.oldest.age.seconds", "How long the oldest due task has waited",
                    s -> s.oldestPendingAgeMillis() / 1000.0),
            gauge("switchboard.async.dead.letters", "Dead-lettered tasks not retried or purged yet", AsyncQueueState::deadLetters),
        };
    }

    @Deactivate
    public void close() {
        for (Gauge gauge : gauges) {
            registry.remove(gauge);
        }
    }

    private Gauge gauge(String name, String description, ToDoubleFunction<AsyncQueueState> value) {
        return Gauge.builder(name, memo, m -> value.applyAsDouble(m.state())).description(description).register(registry);
    }

    /** The last state read, for {@link #FRESH}. */
    static final class Memo {
        private final AsyncQueueStatistics statistics;
        private final LongSupplier nanoTime;
        private AsyncQueueState state;
        private long readAt;

        Memo(AsyncQueueStatistics statistics, LongSupplier nanoTime) {
            this.statistics = statistics;
            this.nanoTime = nanoTime;
        }

        synchronized AsyncQueueState state() {
            long now = nanoTime.getAsLong();
            if (state == null || now - readAt >= FRESH.toNanos()) {
                state = statistics.state();
                readAt = now;
            }
            return state;
        }
    }
}
