package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CamelRouteMetricsTest {

    private final Meters meters = new Meters(Configs.metrics());
    private final CamelRouteMetrics metrics = new CamelRouteMetrics(meters);

    @AfterEach
    void close() {
        meters.close();
    }

    @Test
    void exchangesAreCountedPerContextAndRouteWithFailuresAndTimes() {
        metrics.exchangeCompleted("switchboard-source", "webhook-end", false, 2_000_000L);
        metrics.exchangeCompleted("switchboard-source", "webhook-end", true, 3_000_000L);
        metrics.exchangeCompleted("switchboard-source", "kafka-in", false, 1_000_000L);

        String scrape = meters.scrape();
        assertThat(scrape)
                .contains("switchboard_camel_exchanges_total{context=\"switchboard-source\",route=\"webhook-end\"} 2.0")
                .contains("switchboard_camel_exchanges_failed_total{context=\"switchboard-source\",route=\"webhook-end\"} 1.0")
                .contains("switchboard_camel_exchanges_failed_total{context=\"switchboard-source\",route=\"kafka-in\"} 0.0")
                .contains("switchboard_camel_exchange_duration_seconds_count{context=\"switchboard-source\",route=\"webhook-end\"} 2")
                .contains("switchboard_camel_exchange_duration_seconds_sum{context=\"switchboard-source\",route=\"webhook-end\"} 0.005");
    }
}
