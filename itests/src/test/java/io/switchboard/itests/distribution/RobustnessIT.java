package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Short versions of issue 7's hostile-function, soak and malformed-input tests, against one running installation:
 * starting one costs 10-50 s on 2 busy cores, so the three tests share it, each with its own accounts, its own thread-count
 * baseline and only the log lines written while it ran. No test asserts a latency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobustnessIT {

    /** A quarantined function's run that found the shared slot or CPU budget used up (see bundles/core/README.md). */
    private static final String QUARANTINED = "REJECTED com.switchboard.dispatch.quarantined";
    /** A quarantined run that was started ends at the CPU budget it reserved, when its own limit did not stop it first. */
    private static final String CUT_TO_THE_BUDGET = "TIMEOUT com.switchboard.function.timeout";
    /** What a hostile command may be answered: stopped by its limit (901, LivePerson's code) or quarantined (503). */
    private static final List<String> HOSTILE_ANSWERS = List.of("901 com.liveperson.faas.handler.executiontime-exceeded",
            "901 com.liveperson.faas.handler.runtime-exception", "503 com.liveperson.faas.es.unavailable");

    private static final String ADMIN_KEY = "robustness-admin-key-0123456789";
    private static final String COMMAND = "conversational_command";
    /** Threads the platform may hold above its warmed-up count: the JIT's compiler threads come and go on their own. */
    private static final int THREAD_TOLERANCE = 8;
    private static final String ECHO = "function lambda(input, callback) { callback(null, 'ok ' + input.payload.conversationId); }";
    private static final String ENDLESS_LOOP = "async function lambda(input) { while (true) {} }";
    private static final String MEMORY_BOMB = "async function lambda(input) {"
            + " const kept = []; while (true) { kept.push(new Array(100000).fill(7)); } }";

    private Installation installation;
    private Api api;
    private Webhook webhook;
    private ObjectNode commandSample;

    @BeforeAll
    void startThePlatform() throws Exception {
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "robustness"));
        // A small allocation budget, so that two memory bombs at once stay far below any CI machine's heap.
        Files.writeString(installation.home.resolve("etc/io.switchboard.executor.graaljs.cfg"), "allocationBudgetMegabytes=64\n");
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
        webhook = new Webhook(installation, ADMIN_KEY);
        commandSample = Webhook.sample(api, COMMAND);
    }

    @AfterAll
    void stopThePlatform() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void anEndlessLoopAndAMemoryBombOfOneAccountLeaveAnotherAccountsAnswersRightAndThePlatformHealthy() throws Exception {
        deploy("quiet", "echo", ECHO, 30000);
        String loopId = deploy("hostile", "loop", ENDLESS_LOOP, 1000);
        // 30 s: on a loaded machine 64 MB of small arrays took more than 10 s to allocate, and the bomb timed out instead.
        String bombId = deploy("hostile", "bomb", MEMORY_BOMB, 30000);
        // Warm up with the concurrency of the hostile phase (three clients), so that the pools already hold their threads.
        ClientLoad warmUp = ClientLoad.start("warm-up", 3, (client, sequence) -> echo("quiet", "warm-" + client + "-" + sequence));
        Poll.until("60 answers of the warm-up", Duration.ofSeconds(60), () -> warmUp.completed() >= 60);
        warmUp.stop();
        int threadsBefore = installation.threads();
        int logStart = installation.log().length();

        ClientLoad quiet = ClientLoad.start("quiet", 1, (client, sequence) -> echo("quiet", "quiet-" + sequence));
        ClientLoad hostile = ClientLoad.start("hostile", 2, (client, sequence) -> hostileEvent("hostile-" + client + "-" + sequence));
        Poll.until("8 hostile events answered", Duration.ofSeconds(120), () -> hostile.completed() + hostile.failed() >= 8);
        hostile.stop();
        quiet.stop();
        int hostileEvents = hostile.completed();
        System.out.printf("hostile: %d hostile events, %d quiet answers, threads %d before, %d after the load%n",
                hostileEvents, quiet.completed(), threadsBefore, installation.threads());

        assertThat(quiet.failures()).as("the quiet account's answers").isEmpty();
        assertThat(quiet.completed()).isPositive();
        assertThat(hostile.failures()).as("the hostile account's answers").isEmpty();
        assertThat(installation.healthy()).as("/health answers 200").isTrue();
        echo("quiet", "after-the-hostile-load");
        awaitThreadsAtMost(threadsBefore + THREAD_TOLERANCE);
        assertRecords("hostile", loopId, hostileEvents, "TIMEOUT", "com.switchboard.function.timeout");
        assertRecords("hostile", bombId, hostileEvents, "ERROR", "com.switchboard.function.memory-limit");
        assertThat(errorLinesSince(logStart)).isEmpty();
    }

    @Test
    void twentySecondsOfSteadyLoadKeepTheThreadCountFlatAndTheLogFreeOfErrors() throws Exception {
        deploy("steady", "echo", ECHO, 30000);
        ClientLoad load = ClientLoad.start("soak", 2, (client, sequence) -> echo("steady", "soak-" + client + "-" + sequence));
        Poll.until("300 answers of the warm-up", Duration.ofSeconds(60), () -> load.completed() >= 300);
        int threadsAfterWarmUp = installation.threads();
        int logStart = installation.log().length();
        int answeredAfterWarmUp = load.completed();

        Poll.during(Duration.ofSeconds(20));
        int threadsAtEnd = installation.threads();
        load.stop();

        System.out.printf("soak: %d answers in 20 s, threads %d after the warm-up, %d at the end%n",
                load.completed() - answeredAfterWarmUp, threadsAfterWarmUp, threadsAtEnd);
        assertThat(load.failures()).as("answers other than 200 with the function's reply").isEmpty();
        assertThat(load.completed()).isGreaterThan(answeredAfterWarmUp);
        assertThat(threadsAtEnd).as("threads at the end, %d after the warm-up", threadsAfterWarmUp)
                .isLessThanOrEqualTo(threadsAfterWarmUp + THREAD_TOLERANCE);
        assertThat(errorLinesSince(logStart)).isEmpty();
    }

    @Test
    void malformedRequestsAreAnswered4xxNeverA5xxOrAHangAndThePlatformStaysHealthy() throws Exception {
        deploy("malformed", "echo", ECHO, 30000);
        int logStart = installation.log().length();
        Map<String, String> targets = Map.of("webhook", Webhook.command("echo"),
                "events API", "/api/v1/accounts/malformed/events/" + COMMAND + "?commandName=echo");
        List<String> wrongAnswers = new ArrayList<>();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            boolean eventsApi = target.getValue().startsWith("/api/");
            for (BadRequests.Request bad : BadRequests.all(commandSample, ADMIN_KEY, "malformed", eventsApi)) {
                String status = bad.send(installation.port, target.getValue());
                if (!status.matches("4\\d\\d")) {
                    wrongAnswers.add(target.getKey() + ", " + bad.kind() + ": " + status);
                }
            }
        }

        assertThat(wrongAnswers).as("answers other than 4xx").isEmpty();
        assertThat(installation.healthy()).as("/health answers 200").isTrue();
        echo("malformed", "after-the-bad-input");
        assertThat(errorLinesSince(logStart)).isEmpty();
    }

    /** Creates and deploys a function bound to the command; returns its id. */
    private String deploy(String account, String name, String code, int timeoutMs) {
        Api.Answer created = api.post("/accounts/" + account + "/functions", "{\"name\":\"" + name + "\",\"eventType\":\"" + COMMAND
                + "\",\"timeoutMs\":" + timeoutMs + ",\"code\":" + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Api.Answer deployed = api.post("/accounts/" + account + "/functions/" + created.text("/id") + "/deploy", null);
        assertThat(deployed.text("/state")).as(deployed.body().toString()).isEqualTo("PRODUCTIVE");
        return created.text("/id");
    }

    /**
     * docs/writing-an-event-source.md, `refusalDelayMillis` (default 100): a client that keeps sending to a quarantined
     * function gets each refusal (503 with Retry-After) only after the delay, so one connection cannot flood the platform
     * with refusals; another account's events are answered as usual meanwhile.
     */
    @Test
    void refusalsOfAQuarantinedFunctionAreHeldBackWhileAnotherAccountIsAnsweredAsUsual() throws Exception {
        deploy("calm", "echo", ECHO, 30000);
        deploy("flooder", "spin", ENDLESS_LOOP, 500);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> heldMillis = new ArrayList<>();
        // Two at a time: quarantined runs share one platform-wide slot, so while one runs the other is refused, however
        // little CPU the run gets (the CPU budget alone runs out slowly on a loaded machine, where a 500 ms loop gets
        // about 60 ms of CPU).
        for (int attempt = 0; attempt < 40 && heldMillis.size() < 3; attempt++) {
            List<java.util.concurrent.CompletableFuture<long[]>> pair = new ArrayList<>();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + Webhook.command("spin")))
                        .header("Authorization", "Bearer " + ADMIN_KEY).header("X-Switchboard-Account", "flooder")
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(Webhook.withConversation(commandSample, "flood-" + attempt + "-" + i))).build();
                long started = System.nanoTime();
                java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                answers.add(answer);
                pair.add(answer.thenApply(a -> new long[] {(System.nanoTime() - started) / 1_000_000}));
            }
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = answers.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                long tookMillis = pair.get(i).get()[0];
                if (answer.statusCode() == 503) {
                    assertThat(answer.headers().firstValue("Retry-After")).as("a refusal for now says when to come back").isPresent();
                    assertThat(answer.body()).contains("com.liveperson.faas.es.unavailable", "com.switchboard.dispatch.quarantined");
                    heldMillis.add(tookMillis);
                } else {
                    assertThat(answer.statusCode() + " " + answer.body()).startsWith("901");
                }
            }
            echo("calm", "calm-" + attempt);
        }

        assertThat(heldMillis).as("refusals of the quarantined function, each held for the delay (ms)").hasSizeGreaterThanOrEqualTo(3)
                .allMatch(ms -> ms >= 100);
    }

    /** The account's echo command; fails unless answered 200 with the echo of this conversation as the body. */
    private void echo(String account, String conversationId) throws IOException, InterruptedException {
        Api.Answer answer = webhook.post(Webhook.command("echo"), account, Webhook.withConversation(commandSample, conversationId));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().asText()).as(answer.body().toString()).isEqualTo("ok " + conversationId);
    }

    /** One run of each hostile command, each answered in LivePerson's shape. */
    private void hostileEvent(String conversationId) throws IOException, InterruptedException {
        for (String command : List.of("loop", "bomb")) {
            Api.Answer answer = webhook.post(Webhook.command(command), "hostile", Webhook.withConversation(commandSample, conversationId));
            assertThat(answer.status() + " " + answer.body().path("errorCode").asText()).as(command + ": " + answer.body())
                    .isIn(HOSTILE_ANSWERS);
        }
    }

    /**
     * The function's runs (counted in its report, written in the background, so polled) are at least one per event; its
     * records (of a quarantined function's refusals only the first in each second keeps one) were each stopped by its
     * limit or, once the function is quarantined, not run (the shared slot or CPU budget used up) or stopped at the
     * budget it reserved; at least one (the first) was stopped by its limit.
     */
    private void assertRecords(String account, String id, int events, String outcome, String errorCode) throws InterruptedException {
        Poll.until(events + " runs of function " + id + " in its report", Duration.ofSeconds(30), () -> reported(account, id) >= events);
        List<String> outcomes = InvocationRecords.all(api, account, id).stream()
                .map(record -> record.path("outcome").asText() + " " + record.at("/error/errorCode").asText()).toList();
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isIn(outcome + " " + errorCode, QUARANTINED, CUT_TO_THE_BUDGET));
        assertThat(outcomes).contains(outcome + " " + errorCode);
    }

    /** Every run and refusal of the function in the last hour, whatever its state. */
    private long reported(String account, String id) {
        long total = 0;
        for (var count : api.get("/accounts/" + account + "/functions/" + id + "/report?range=1h").body().path("totals")) {
            total += count.asLong();
        }
        return total;
    }

    /** Threads of pools that grew under the load end after their keep-alive (60 s for the JDK's cached pools). */
    private void awaitThreadsAtMost(int limit) throws InterruptedException {
        int[] last = {0};
        try {
            Poll.until("at most " + limit + " threads", Duration.ofSeconds(90), () -> {
                try {
                    last[0] = installation.threads();
                } catch (IOException e) {
                    throw new AssertionError("The platform's process is gone", e);
                }
                return last[0] <= limit;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the platform has " + last[0], e);
        }
    }

    /** Lines at level ERROR that logs/switchboard.log gained after the offset (its pattern: date time level [thread] ...). */
    private List<String> errorLinesSince(int logOffset) {
        String log = installation.log();
        return log.substring(Math.min(logOffset, log.length())).lines().filter(line -> line.matches("\\S+ \\S+ ERROR .*")).toList();
    }
}
