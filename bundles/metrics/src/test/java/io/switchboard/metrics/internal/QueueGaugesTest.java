package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.core.api.observe.AsyncQueueState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueueGaugesTest {

    @Test
    void theQueuesDepthAgeAndDeadLettersAreReadOnceForAScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        QueueGauges gauges = new QueueGauges(registry, () -> {
            reads.incrementAndGet();
            return new AsyncQueueState(7, 2_500, 3);
        }, now::get);

        String scrape = registry.scrape();

        assertThat(scrape).contains("switchboard_async_queue_pending 7.0").contains("switchboard_async_queue_oldest_age_seconds 2.5")
                .contains("switchboard_async_dead_letters 3.0");
        assertThat(reads).hasValue(1);
        now.addAndGet(QueueGauges.FRESH.toNanos());
        registry.scrape();
        assertThat(reads).hasValue(2);
        gauges.close();
        assertThat(registry.scrape()).doesNotContain("switchboard_async_queue_pending");
    }
}
