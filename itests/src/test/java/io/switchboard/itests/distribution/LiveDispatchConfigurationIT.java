package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 9: a changed key of {@code io.switchboard.core.dispatch} (written into {@code etc/}, as an operator
 * would) is applied by the dispatch components live: the REST API answers every probe while it is applied, and no
 * event source's routes or CamelContext stop (before, one key restarted the API and every CamelContext: 2 of 60
 * probes got 503).
 */
class LiveDispatchConfigurationIT {

    private static final String ADMIN_KEY = "live-dispatch-admin-key-0123456789";

    @Test
    void aChangedDispatchKeyIsAppliedWhileTheApiKeepsAnsweringAndNoRoutesRestart() throws Exception {
        Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY);
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "live-dispatch"))) {
            Installation.Result started = installation.run("start", environment, Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            assertThat(api.get("/event-types").status()).isEqualTo(200);

            Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean probing = new AtomicBoolean(true);
            Thread prober = new Thread(() -> {
                while (probing.get()) {
                    answers.merge(api.get("/event-types").status(), 1, Integer::sum);
                }
            }, "api-prober");
            prober.start();
            int logStart = installation.log().length();
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.dispatch.cfg"),
                    "retryAfterSeconds = 2\nmaxConcurrentPerFunction = 20\nasyncWorkers = 2\ntaskLeaseSeconds = 10\n");
            Poll.until("the three dispatch components applied the change", Duration.ofSeconds(60), () -> {
                String log = installation.log().substring(logStart);
                return log.contains("Dispatch configuration applied without a restart") && log.contains("Asynchronous task settings changed");
            });
            int applied = answers.values().stream().mapToInt(Integer::intValue).sum();
            Poll.until("the API answered more probes after the change", Duration.ofSeconds(30),
                    () -> answers.values().stream().mapToInt(Integer::intValue).sum() > applied + 20);
            probing.set(false);
            prober.join(20_000);

            String after = installation.log().substring(logStart);
            System.out.printf("dispatch configuration changed live: API probes by status %s%n", new TreeMap<>(answers));
            assertThat(answers).as("answers of GET /api/v1/event-types while the change was applied").containsOnlyKeys(200);
            assertThat(after).as("routes or CamelContexts stopped by the change").doesNotContain("Stopped routes", "Stopped switchboard-");
            assertThat(installation.healthy()).isTrue();
        }
    }
}
