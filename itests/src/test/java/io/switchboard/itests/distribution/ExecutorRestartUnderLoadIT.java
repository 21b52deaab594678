package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A key of the executor that sizes its pools or threads (here {@code spareContexts}) restarts the executor component
 * while functions run: the deactivation stops the runs under way and waits for their threads before it closes the
 * engine (docs/executor.md, "Lifecycle and hot redeploy"; closing it first could hang the restart for good), and every
 * call made meanwhile is answered, none with a 500 and none left hanging. Afterwards functions run as before.
 */
class ExecutorRestartUnderLoadIT {

    private static final String ADMIN_KEY = "executor-restart-admin-key-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String QUICK = "async function lambda(input) { return { n: input.payload.n + 1 }; }";
    private static final String ENDLESS = "async function lambda() { for (;;) {} }";

    @Test
    void aRestartOfTheExecutorUnderLoadAnswersEveryCallAndFunctionsRunAfterIt() throws Exception {
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "executor-restart"))) {
            Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", DEADLINE, installation::healthy);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            String quick = deploy(api, "quick", QUICK, 10_000);
            String endless = deploy(api, "endless", ENDLESS, 3_000);
            assertThat(invoke(api, quick, 1).body().at("/result/n").asInt()).isEqualTo(2);

            Map<String, Integer> answers = new ConcurrentHashMap<>();
            AtomicInteger okAfterRestart = new AtomicInteger();
            AtomicInteger timeoutsAfterRestart = new AtomicInteger();
            AtomicBoolean restarted = new AtomicBoolean();
            AtomicBoolean calling = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int base = i * 1_000_000;
                callers.add(new Thread(() -> {
                    for (int n = base; calling.get(); n++) {
                        String answer = call(api, quick, n);
                        answers.merge("quick " + answer, 1, Integer::sum);
                        if (restarted.get() && answer.equals("200 OK")) {
                            okAfterRestart.incrementAndGet();
                        }
                    }
                }, "executor-restart-caller-" + i));
            }
            callers.add(new Thread(() -> {
                while (calling.get()) {
                    String answer = call(api, endless, 0);
                    answers.merge("endless " + answer, 1, Integer::sum);
                    if (restarted.get() && answer.startsWith("200 TIMEOUT")) {
                        timeoutsAfterRestart.incrementAndGet();
                    }
                }
            }, "executor-restart-endless"));
            callers.forEach(Thread::start);
            Poll.until("calls answered before the change", DEADLINE, () -> answers.getOrDefault("quick 200 OK", 0) > 30);

            int logStart = installation.log().length();
            Files.writeString(installation.home.resolve("etc/io.switchboard.executor.graaljs.cfg"), "spareContexts = 1\n");
            Poll.until("the executor restarted", DEADLINE, () -> {
                String log = installation.log().substring(logStart);
                int restarting = log.indexOf("Executor pool settings changed: restarting the executor");
                int stopped = log.indexOf("GraalJS executor stopped", Math.max(0, restarting));
                return restarting >= 0 && stopped >= 0 && log.indexOf("GraalJS executor started", stopped) >= 0;
            });
            restarted.set(true);
            Poll.until("the quick function answered after the restart", DEADLINE, () -> okAfterRestart.get() > 30);
            Poll.until("the new executor stopped the endless function at its timeout", DEADLINE, () -> timeoutsAfterRestart.get() > 0);
            calling.set(false);
            for (Thread caller : callers) {
                caller.join(Duration.ofSeconds(90).toMillis());
                assertThat(caller.isAlive()).as("%s still waits for an answer", caller.getName()).isFalse();
            }

            String after = installation.log().substring(logStart);
            System.out.printf("ExecutorRestartUnderLoadIT: answers %s%n", new TreeMap<>(answers));
            // While no executor is bound (about half a second), runs wait for the new one (executorWaitMillis,
            // docs/configuration.md): none is refused as unavailable. A run under way when the restart began is stopped
            // by the old executor.
            assertThat(answers.keySet()).as("answers while the executor restarted (status, outcome, error code)").allMatch(answer ->
                    answer.matches("quick 200 (OK|REJECTED com\\.switchboard\\.executor\\.stopped)")
                    || answer.matches("endless 200 (TIMEOUT com\\.switchboard\\.function\\.timeout|REJECTED com\\.switchboard\\.(?!executor\\.unavailable)[a-z.-]+)"));
            assertThat(after).as("the engine was closed at once, no run kept it open").doesNotContain("stays open");
            assertThat(installation.healthy()).isTrue();
            assertThat(invoke(api, quick, 41).body().at("/result/n").asInt()).isEqualTo(42);
        }
    }

    /** "status outcome" of one call ("200 OK", "200 TIMEOUT", "503 <problem type>"), or "no answer: ..." when none came. */
    private static String call(Api api, String id, int n) {
        try {
            Api.Answer answer = invoke(api, id, n);
            if (answer.status() != 200) {
                return answer.status() + " " + answer.body().path("type").asText();
            }
            String outcome = answer.body().path("outcome").asText();
            return answer.status() + " " + outcome + (outcome.equals("OK") ? "" : " " + answer.body().at("/error/errorCode").asText());
        } catch (UncheckedIOException e) {
            return "no answer: " + e.getCause();
        }
    }

    private static Api.Answer invoke(Api api, String id, int n) {
        return api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\": {\"n\": " + n + "}}");
    }

    private static String deploy(Api api, String name, String code, int timeoutMs) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code)
                + ", \"timeoutMs\": " + timeoutMs + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }
}
