package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    private final Meters meters = new Meters(Configs.metrics());
    private final HttpMetrics http = new HttpMetrics(meters);

    @AfterEach
    void close() {
        meters.close();
    }

    @Test
    void requestsAreClassifiedByIngress() {
        assertThat(HttpMetrics.ingress("/api/v1/accounts/acme/functions")).isEqualTo("api");
        assertThat(HttpMetrics.ingress("/api/account/acme/lambdas/x/invoke")).isEqualTo("gateway");
        assertThat(HttpMetrics.ingress("/events/system-messages/conversation-end")).isEqualTo("webhook");
        assertThat(HttpMetrics.ingress("/health")).isEqualTo("health");
        assertThat(HttpMetrics.ingress("/health/ready")).isEqualTo("health");
        assertThat(HttpMetrics.ingress("/metrics")).isEqualTo("metrics");
        assertThat(HttpMetrics.ingress("/favicon.ico")).isEqualTo("other");
    }

    @Test
    void webhooksAreCountedPerSourceWithTheirRejectionsAndUnknownPathsCannotAddSources() {
        http.record("/events/system-messages/conversation-end", 202, 1_000_000);
        http.record("/events/system-messages/conversation-end", 429, 1_000_000);
        http.record("/events/made-up-" + System.nanoTime() + "/x", 401, 1_000_000);
        http.record("/events/made-up/x", 404, 1_000_000);

        assertThat(meters.scrape())
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"system-messages\",status=\"202\"} 1")
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"system-messages\",status=\"429\"} 1")
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"_other\",status=\"401\"} 1")
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"_other\",status=\"404\"} 1")
                .doesNotContain("made-up");
    }

    @Test
    void aTimerLookedUpOnceKeepsCountingEachCombinationApart() {
        for (int i = 0; i < 3; i++) {
            http.record("/events/system-messages/conversation-end", 202, 2_000_000);
        }
        http.record("/api/v1/accounts", 200, 1_000_000);
        http.record("/api/v1/accounts", 200, 1_000_000);
        http.record("/api/v1/accounts", 400, 1_000_000);

        assertThat(meters.scrape())
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"system-messages\",status=\"202\"} 3")
                .contains("switchboard_http_requests_seconds_sum{ingress=\"webhook\",source=\"system-messages\",status=\"202\"} 0.006")
                .contains("switchboard_http_requests_seconds_count{ingress=\"api\",source=\"\",status=\"200\"} 2")
                .contains("switchboard_http_requests_seconds_count{ingress=\"api\",source=\"\",status=\"400\"} 1");
    }
}
