package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: two distributions on one PostgreSQL. ASYNC load on both, then kill -9 of one: every acknowledged
 * event runs exactly once (invocation records by event id, and the task store's settlement rows), and the survivor
 * takes over the dead one's claimed tasks within the lease. A schedule fires once per minute across both; concurrent
 * deploys on both above an event's limit give exactly one 409; a secret written through one is read on the other.
 * Runs in the build's PostgreSQL failsafe run only (two instances need a shared database).
 */
class TwoInstancesIT {

    private static final String ADMIN_KEY = "two-instances-admin-key-0123456789";
    /** Both instances need the same secrets key (docs/security.md). */
    private static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String ACCOUNT = "cluster";
    private static final int LEASE_SECONDS = 5;
    private static final int EVENTS_PER_INSTANCE = 40;
    /** Functions of a Conversational Command, one per command (its name): not limited like one messaging event. */
    private static final String COMMAND = "conversational_command";
    private static final String IDLE = "controllerbot_messaging_conversation_idle";
    // Each run takes a while, so that runs are in flight (and queued) on the instance that dies.
    private static final String WORKER = "async function lambda(input) { await new Promise(resolve => setTimeout(resolve, 300));"
            + " return [{type: 'systemMessage', text: input.payload.general.convId}]; }";

    @Test
    void twoInstancesOnOnePostgreSqlShareTasksSchedulesLimitsAndSecretsAndSurviveKillMinus9OfOne() throws Exception {
        Assumptions.assumeTrue(TestPostgres.enabled(), "two instances need the PostgreSQL run");
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY, "SWITCHBOARD_SECRETS_KEY", SECRETS_KEY);
        Path work = Path.of(System.getProperty("switchboard.itest.work"), "two-instances");
        String database = TestPostgres.newSchemaUrl();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (Installation a = Installation.copy(work); Installation b = Installation.copy(work)) {
            for (Installation installation : List.of(a, b)) {
                configure(installation, database);
            }
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> start(a, environment)), CompletableFuture.runAsync(() -> start(b, environment)))
                    .get(180, TimeUnit.SECONDS);
            Api apiA = api(a);
            Api apiB = api(b);

            // A schedule created through A, of a function deployed through B: once per minute, whoever claims it.
            String minutely = deploy(apiB, "minutely", COMMAND, "async function lambda(input) { return 'fired'; }");
            Api.Answer schedule = apiA.post("/accounts/" + ACCOUNT + "/schedules", "{\"functionUuid\":\"" + minutely
                    + "\",\"cronExpression\":\"* * * * *\"}");
            assertThat(schedule.status()).as(schedule.body().toString()).isEqualTo(201);

            secretWrittenThroughOneIsReadOnTheOther(apiA, apiB);
            concurrentDeploysOnBothAboveTheLimitGiveOne409(apiA, apiB, clients);

            String worker = deploy(apiA, "worker", "controllerbot_messaging_conversation_end", WORKER);
            ObjectNode sample = Webhook.sample(apiA, "controllerbot_messaging_conversation_end");
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            List<Future<?>> load = new ArrayList<>();
            for (Installation target : List.of(a, b)) {
                Webhook webhook = new Webhook(target, ADMIN_KEY);
                for (int client = 0; client < 2; client++) {
                    String prefix = target.port + "-" + client + "-";
                    load.add(clients.submit(() -> {
                        for (int i = 0; i < EVENTS_PER_INSTANCE / 2; i++) {
                            Api.Answer answer = webhook.post(Webhook.CONVERSATION_END, ACCOUNT, Webhook.withConvId(sample, prefix + i));
                            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
                            acknowledged.put(answer.text("/eventId"), prefix + i);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> client : load) {
                client.get(120, TimeUnit.SECONDS);
            }
            Poll.until("instance A runs tasks", Duration.ofSeconds(30), () -> !claimedBy(database, a).isEmpty());

            ProcessHandle platform = ProcessHandle.of(a.pid()).orElseThrow();
            platform.destroyForcibly(); // SIGKILL: A's claimed tasks stay claimed, their heartbeats stop
            platform.onExit().get();
            Instant killed = Instant.now();
            Set<String> orphaned = claimedBy(database, a);
            Poll.until("B ran the tasks A held when it died", Duration.ofSeconds(60), () -> settled(database, orphaned));
            Duration takeover = Duration.between(killed, Instant.now());
            Poll.until("every acknowledged event ran", Duration.ofSeconds(120), () -> settled(database, tasksOf(database, acknowledged.keySet())));

            Map<String, Integer> okRuns = new HashMap<>();
            for (JsonNode record : InvocationRecords.all(apiB, ACCOUNT, worker)) {
                if (record.path("outcome").asText().equals("OK")) {
                    okRuns.merge(record.path("eventId").asText(), 1, Integer::sum);
                }
            }
            List<String> lost = acknowledged.keySet().stream().filter(id -> !okRuns.containsKey(id)).toList();
            List<String> twice = okRuns.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            Map<String, Integer> settlements = settlementRows(database, acknowledged.keySet());
            System.out.printf("two instances on PostgreSQL: %d events acknowledged (%d per instance), %d tasks claimed by A at its kill -9,"
                    + " taken over and settled by B %.1f s after the kill (lease %d s); lost %d, run more than once %d; settlement rows"
                    + " %s%n", acknowledged.size(), EVENTS_PER_INSTANCE, orphaned.size(), takeover.toMillis() / 1000.0,
                    LEASE_SECONDS, lost.size(), twice.size(), settlements);

            assertThat(orphaned).as("tasks A held when it died").isNotEmpty();
            assertThat(lost).as("acknowledged events without an OK run").isEmpty();
            assertThat(twice).as("events run OK more than once").isEmpty();
            assertThat(settlements).as("async_tasks status/attempts of the acknowledged events").containsOnlyKeys("DONE/1");
            // Dead after the lease, found by the next check (every second heartbeat, a tenth of the lease each), claimed
            // at the next poll, then run (0.3 s) and settled: the lease and a few seconds.
            assertThat(takeover).as("takeover of A's tasks").isLessThan(Duration.ofSeconds(LEASE_SECONDS + 10));

            Poll.until("the schedule fired in two minutes", Duration.ofSeconds(150), () -> firings(database, minutely).size() >= 2);
            List<Instant> minutes = firings(database, minutely).stream().map(t -> t.truncatedTo(ChronoUnit.MINUTES)).toList();
            System.out.printf("two instances on PostgreSQL: schedule '* * * * *' fired at %s%n", firings(database, minutely));
            assertThat(minutes).as("minutes of the schedule's firings").doesNotHaveDuplicates();
        } finally {
            clients.shutdownNow();
        }
    }

    private static void configure(Installation installation, String database) throws IOException {
        Path etc = installation.home.resolve("etc");
        Files.writeString(etc.resolve("io.switchboard.core.db.cfg"), TestPostgres.coreDbCfg(database));
        Files.writeString(etc.resolve("io.switchboard.core.dispatch.cfg"), "taskLeaseSeconds = " + LEASE_SECONDS + "\nasyncPollingMillis = 200\n");
        Files.writeString(etc.resolve("io.switchboard.core.schedules.cfg"), "pollingIntervalMillis = 500\n");
        Files.writeString(etc.resolve("io.switchboard.core.limits.cfg"), "overrides = [\"" + IDLE + "=1\"]\n");
    }

    private static void start(Installation installation, Map<String, String> environment) {
        try {
            Installation.Result started = installation.run("start", environment, Duration.ofSeconds(150));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health of " + installation.home + " answers 200", Duration.ofSeconds(90), installation::healthy);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Api api(Installation installation) {
        return new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
    }

    private static String deploy(Api api, String name, String eventType, String code) {
        Api.Answer created = api.post("/accounts/" + ACCOUNT + "/functions", "{\"name\":\"" + name + "\",\"eventType\":\"" + eventType
                + "\",\"code\":" + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        Api.Answer deployed = api.post("/accounts/" + ACCOUNT + "/functions/" + id + "/deploy", null);
        assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(200);
        return id;
    }

    private static void secretWrittenThroughOneIsReadOnTheOther(Api apiA, Api apiB) {
        assertThat(apiA.post("/accounts/" + ACCOUNT + "/secrets", "{\"name\":\"shared\",\"value\":\"written-on-a\"}").status()).isEqualTo(201);
        String reader = deploy(apiA, "reader", COMMAND,
                "const { Toolbelt } = require('lp-faas-toolbelt');"
                        + " async function lambda(input) { const s = await Toolbelt.SecretClient().readSecret('shared'); return {value: s.value}; }");
        Api.Answer read = apiB.post("/accounts/" + ACCOUNT + "/functions/" + reader + "/invoke", "{\"payload\":{}}");
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        assertThat(read.body().at("/result/value").asText()).as(read.body().toString()).isEqualTo("written-on-a");
    }

    private static void concurrentDeploysOnBothAboveTheLimitGiveOne409(Api apiA, Api apiB, ExecutorService clients) throws Exception {
        List<String> functions = new ArrayList<>();
        for (Api api : List.of(apiA, apiB)) {
            Api.Answer created = api.post("/accounts/" + ACCOUNT + "/functions", "{\"name\":\"idle-" + functions.size() + "\",\"eventType\":\""
                    + IDLE + "\",\"code\":" + Api.quote("async function lambda(input) { return []; }") + "}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            functions.add(created.text("/id"));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Api.Answer> onA = clients.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return apiA.post("/accounts/" + ACCOUNT + "/functions/" + functions.get(0) + "/deploy", null);
        });
        Future<Api.Answer> onB = clients.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return apiB.post("/accounts/" + ACCOUNT + "/functions/" + functions.get(1) + "/deploy", null);
        });
        List<Integer> statuses = new ArrayList<>(List.of(onA.get(60, TimeUnit.SECONDS).status(), onB.get(60, TimeUnit.SECONDS).status()));
        statuses.sort(null);
        assertThat(statuses).as("deploys of two functions of an event limited to 1, one on each instance").containsExactly(200, 409);
    }

    /** Ids of the tasks the instance has claimed now (its lease rows, by the name it claims under). */
    private static Set<String> claimedBy(String database, Installation installation) {
        String id;
        try {
            id = Files.readString(installation.home.resolve("data/instance.id")).replaceAll("[^A-Za-z0-9]", "").substring(0, 12);
        } catch (IOException e) {
            return Set.of();
        }
        return Set.copyOf(query(database, "SELECT task_instance FROM async_executions WHERE picked AND picked_by LIKE ?", "%-" + id));
    }

    private static Set<String> tasksOf(String database, Set<String> events) {
        Set<String> tasks = ConcurrentHashMap.newKeySet();
        for (String event : events) {
            tasks.addAll(query(database, "SELECT id FROM async_tasks WHERE event_id = ?", event));
        }
        return tasks;
    }

    /** Whether every one of the tasks is settled (not pending) and has no lease row left. */
    private static boolean settled(String database, Set<String> tasks) {
        for (String task : tasks) {
            if (!query(database, "SELECT status FROM async_tasks WHERE id = ? AND status <> 'PENDING'", task).isEmpty()
                    && query(database, "SELECT task_instance FROM async_executions WHERE task_instance = ?", task).isEmpty()) {
                continue;
            }
            return false;
        }
        return true;
    }

    /** The settlement rows of the events' tasks, counted by status/attempts. */
    private static Map<String, Integer> settlementRows(String database, Set<String> events) {
        Map<String, Integer> rows = new HashMap<>();
        for (String event : events) {
            query(database, "SELECT status || '/' || attempts FROM async_tasks WHERE event_id = ?", event).forEach(r -> rows.merge(r, 1, Integer::sum));
        }
        return rows;
    }

    /** Start times of the function's runs fired by its schedule. */
    private static List<Instant> firings(String database, String functionId) {
        return query(database, "SELECT started_at FROM invocations WHERE function_id = ? AND trigger_kind = 'SCHEDULE' ORDER BY started_at",
                functionId).stream().map(ms -> Instant.ofEpochMilli(Long.parseLong(ms))).toList();
    }

    private static List<String> query(String database, String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(database, TestPostgres.user(), TestPostgres.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
