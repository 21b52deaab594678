package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 9: keys of {@code io.switchboard.core.functions} and the executor's per-invocation limits, written into
 * {@code etc/} while the platform serves, apply live ({@code @Modified}): {@code /health} and the REST API answer 200
 * throughout, no CamelContext or route stops, and the new values are in effect. Before, one key of the functions'
 * configuration restarted the function service and with it the REST API, the CamelContexts and the async scheduler
 * ({@code /health} answered 503 for about 10 s); a refused value did too.
 */
class LiveConfigurationIT {

    private static final String ADMIN_KEY = "live-configuration-admin-key-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String FIVE_LOGS = "async function lambda(input) { for (let i = 0; i < 5; i++) { console.log('line ' + i); } "
            + "return 'ok'; }";

    @Test
    void functionAndExecutorKeysApplyWhileHealthAndTheApiStayUpAndNoRoutesRestart() throws Exception {
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "live-configuration"))) {
            Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", DEADLINE, installation::healthy);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            Api root = new Api("http://127.0.0.1:" + installation.port, ADMIN_KEY);
            assertThat(create(api, "long-before", 50_000).status()).as("the default maximum is 60 s").isEqualTo(201);
            String logger = deploy(api, "logger", FIVE_LOGS);
            assertThat(logs(api, logger)).as("the default keeps 10 entries").isEqualTo(5);

            Map<String, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean probing = new AtomicBoolean(true);
            Thread prober = new Thread(() -> {
                while (probing.get()) {
                    probe(answers, "health", () -> root.get("/health").status());
                    probe(answers, "api", () -> api.get("/event-types").status());
                }
            }, "live-configuration-prober");
            prober.start();
            int logStart = installation.log().length();
            Path functions = installation.home.resolve("etc/io.switchboard.core.functions.cfg");

            Files.writeString(functions, "maxTimeoutMs = 20000\n");
            Poll.until("a timeout above the new maximum is refused", DEADLINE, () -> refused(api, 50_000));
            assertThat(create(api, "long-after", 50_000).body().toString()).contains("timeoutMs");
            assertThat(create(api, "within", 20_000).status()).isEqualTo(201);

            // A refused value is kept out by the configuration check: the component keeps its previous value.
            Files.writeString(functions, "maxTimeoutMs = -5\n");
            Poll.until("the refused value is named in /health", DEADLINE,
                    () -> root.get("/health").body().at("/warnings").toString().contains("maxTimeoutMs=-5 refused"));
            assertThat(root.get("/health").body().at("/warnings").toString()).contains("its previous value 20000");
            assertThat(create(api, "long-kept", 50_000).status()).as("the previous maximum still applies").isEqualTo(400);

            Files.writeString(installation.home.resolve("etc/io.switchboard.executor.graaljs.cfg"), "maxLogLines = 2\n");
            Poll.until("the executor keeps 2 entries and one saying the limit was reached", DEADLINE, () -> logs(api, logger) == 3);

            Files.writeString(functions, "maxTimeoutMs = 60000\n");
            Poll.until("the refusal is gone", DEADLINE,
                    () -> !root.get("/health").body().at("/warnings").toString().contains("io.switchboard.core.functions"));
            Poll.until("the raised maximum admits what was refused", DEADLINE, () -> create(api, "long-again", 50_000).status() == 201);
            int probes = answers.values().stream().mapToInt(Integer::intValue).sum();
            Poll.until("more probes answered after the last change", DEADLINE,
                    () -> answers.values().stream().mapToInt(Integer::intValue).sum() > probes + 20);
            probing.set(false);
            prober.join(20_000);

            String after = installation.log().substring(logStart);
            System.out.printf("functions and executor configuration changed live: probes by answer %s%n", new TreeMap<>(answers));
            assertThat(answers).as("answers of GET /health and GET /api/v1/event-types while the changes were applied")
                    .containsOnlyKeys("health 200", "api 200");
            assertThat(after).as("the changes were applied by @Modified").contains("Function caps changed", "Executor limits changed");
            assertThat(after).as("components, routes or CamelContexts stopped by the changes")
                    .doesNotContain("Stopped routes", "Stopped switchboard-", "restarting the executor");
        }
    }

    /** Counts one answer by its status; a refused connection (the HTTP server itself restarting) counts as "unreachable". */
    private static void probe(Map<String, Integer> answers, String what, IntSupplier status) {
        String answer;
        try {
            answer = String.valueOf(status.getAsInt());
        } catch (UncheckedIOException unreachable) {
            answer = "unreachable";
        }
        answers.merge(what + " " + answer, 1, Integer::sum);
    }

    private static Api.Answer create(Api api, String name, long timeoutMs) {
        return api.post("/accounts/acme/functions", "{\"name\": " + Api.quote(name + "-" + System.nanoTime()) + ", \"code\": "
                + Api.quote("async function lambda(input) { return 1; }") + ", \"timeoutMs\": " + timeoutMs + "}");
    }

    /** Whether a function with this timeout is refused (400); one that is created is deleted again, so polls keep within the quota. */
    private static boolean refused(Api api, long timeoutMs) {
        Api.Answer answer = create(api, "probe", timeoutMs);
        if (answer.status() == 201) {
            assertThat(api.delete("/accounts/acme/functions/" + answer.text("/id")).status()).isIn(200, 204);
        }
        return answer.status() == 400;
    }

    private static String deploy(Api api, String name, String code) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    private static int logs(Api api, String id) {
        Api.Answer answer = api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\": {}}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("logs").size();
    }
}
