package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's lifecycle race on the packaged distribution: 60 rounds of deploy, undeploy, update and rollback of one
 * function sent at once, with a kill -9 of the platform after round 30 and a restart. Every call is answered 200 or
 * 409 (never 500, nor anything else), and after every round (and after the restart) the function's state, its
 * versions and whether its command runs it agree.
 */
class LifecycleRaceIT {

    private static final String ADMIN_KEY = "lifecycle-race-admin-key-0123456789";
    private static final String ACCOUNT = "race";
    private static final String COMMAND = "conversational_command";
    private static final int ROUNDS = 60;
    private static final int KILL_AFTER_ROUND = 30;

    @Test
    void concurrentLifecycleCallsAnswer200Or409AndLeaveStateVersionsAndBindingInAgreementAcrossKillMinus9() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "lifecycle-race"))) {
            installation.usePostgresWhenTheRunIsForIt();
            start(installation, environment);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            Webhook webhook = new Webhook(installation, ADMIN_KEY);
            ObjectNode sample = Webhook.sample(api, COMMAND);
            String base = "/accounts/" + ACCOUNT + "/functions";
            Api.Answer created = api.post(base, body(0));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            String function = base + "/" + created.text("/id");
            assertThat(api.post(function + "/deploy", null).status()).isEqualTo(200);

            Map<Integer, Integer> answers = new TreeMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                int edit = round;
                List<Supplier<Api.Answer>> calls = List.of(
                        () -> api.post(function + "/deploy", null),
                        () -> api.post(function + "/undeploy", null),
                        () -> api.put(function, body(edit)),
                        () -> api.post(function + "/rollback", "{\"version\":1}"),
                        () -> api.post(function + "/deploy", null),
                        () -> api.post(function + "/undeploy", null));
                CyclicBarrier together = new CyclicBarrier(calls.size());
                List<Future<Api.Answer>> sent = new ArrayList<>();
                for (Supplier<Api.Answer> call : calls) {
                    sent.add(callers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return call.get();
                    }));
                }
                for (Future<Api.Answer> answer : sent) {
                    Api.Answer got = answer.get(60, TimeUnit.SECONDS);
                    assertThat(got.status()).as("round %d: %s", edit, got.body()).isIn(200, 409);
                    answers.merge(got.status(), 1, Integer::sum);
                }
                assertConsistent(api, webhook, sample, function, "round " + round);
                if (round == KILL_AFTER_ROUND) {
                    ProcessHandle platform = ProcessHandle.of(installation.pid()).orElseThrow();
                    platform.destroyForcibly();
                    platform.onExit().get();
                    start(installation, environment);
                    assertConsistent(api, webhook, sample, function, "after kill -9 and restart");
                }
            }
            System.out.printf("lifecycle race (%s): %d rounds of %d calls, answers by status %s%n",
                    TestPostgres.enabled() ? "PostgreSQL" : "H2", ROUNDS, 6, answers);
            assertThat(answers).containsKey(200);
        } finally {
            callers.shutdownNow();
        }
    }

    private static void start(Installation installation, Map<String, String> environment) throws IOException, InterruptedException {
        Installation.Result started = installation.run("start", environment, Duration.ofSeconds(120));
        assertThat(started.exitCode()).as(started.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
    }

    /** State, versions and whether an event runs the function agree; the function's deployed version is what runs. */
    private static void assertConsistent(Api api, Webhook webhook, ObjectNode sample, String function, String when)
            throws IOException, InterruptedException {
        JsonNode info = api.get(function).body();
        String state = info.path("state").asText();
        int deployed = info.path("deployedVersion").asInt();
        int latest = info.path("latestVersion").asInt();
        List<Integer> versions = new ArrayList<>();
        Map<Integer, String> codeByVersion = new TreeMap<>();
        api.get(function + "/versions").body().path("items").forEach(v -> {
            versions.add(v.path("version").asInt());
            codeByVersion.put(v.path("version").asInt(), v.path("code").asText());
        });
        String where = when + ": " + info;

        assertThat(versions).as(where).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, latest).boxed().toList());
        // The command is the function's name: a productive function answers its reply, none is 404.
        Api.Answer event = webhook.post(Webhook.command("racer"), ACCOUNT, Webhook.withConversation(sample, when));
        if (state.equals("PRODUCTIVE") || state.equals("MODIFIED")) {
            assertThat(event.status()).as(where + " / " + event.body()).isEqualTo(200);
            assertThat(deployed).as(where).isBetween(1, latest);
            String reply = event.body().asText();
            assertThat(reply).as(where + " / " + event.body()).isNotEmpty();
            assertThat(codeByVersion.get(deployed)).as(where + ": the event ran the deployed version / " + event.body())
                    .contains("'" + reply + "'");
        } else {
            assertThat(state).as(where).isIn("UNDEPLOYED", "DRAFT");
            assertThat(deployed).as(where).isZero();
            assertThat(event.status()).as(where + " / the event ran it: " + event.body()).isEqualTo(404);
        }
    }

    private static String body(int edit) {
        return "{\"name\":\"racer\",\"eventType\":\"" + COMMAND + "\",\"code\":" + Api.quote(
                "function lambda(input, callback) { callback(null, 'edit " + edit + "'); }") + "}";
    }
}
