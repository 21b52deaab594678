package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import io.switchboard.itests.security.DocumentedExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live log stream against the packaged installation, configured as docs/operations.md writes it into etc/: a real
 * HTTP client holds the stream open while the function runs and gets each run with its log lines; another account's
 * key gets 404 and its own streams see none of these runs; the account's cap answers 429; a quiet stream has
 * heartbeats; a client that reconnects with Last-Event-ID gets what it missed.
 */
class LogStreamIT {

    private static final String ADMIN_KEY = "log-stream-admin-key-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Installation installation;
    private static Api admin;
    private static Api acme;
    private static Api globex;
    private static String acmeKey;
    private static String globexKey;
    private static String logger;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "log-stream"));
        installation.usePostgresWhenTheRunIsForIt();
        String config = DocumentedExamples.of("operations.md").configs().get("etc/io.switchboard.api.http.streams.cfg");
        assertThat(config).as("the streams' configuration in docs/operations.md").contains("maxStreamsPerAccount = 2");
        Files.writeString(installation.home.resolve("etc/io.switchboard.api.http.streams.cfg"), config);
        Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(started.exitCode()).as(started.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        String base = "http://127.0.0.1:" + installation.port + "/api/v1";
        admin = new Api(base, ADMIN_KEY);
        acmeKey = admin.post("/accounts/acme/keys", null).text("/key");
        globexKey = admin.post("/accounts/globex/keys", null).text("/key");
        acme = new Api(base, acmeKey);
        globex = new Api(base, globexKey);
        logger = deploy(acme, "acme", "logger");
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static String deploy(Api api, String account, String name) {
        String code = "async function lambda(input) { console.log('run of " + name + " for ' + input.payload.name); return {ok: true}; }";
        Api.Answer created = api.post("/accounts/" + account + "/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/" + account + "/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    private static String invoke(Api api, String account, String id, String name) {
        Api.Answer answer = api.post("/accounts/" + account + "/functions/" + id + "/invoke", "{\"payload\": {\"name\": " + Api.quote(name) + "}}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.text("/invocationId");
    }

    private static String streamUrl(String account, String id) {
        return "http://127.0.0.1:" + installation.port + "/api/v1/accounts/" + account + "/functions/" + id + "/logs/stream";
    }

    private static EventStream openStream(String account, String id, String key, String... headers) throws Exception {
        EventStream[] opened = new EventStream[1];
        // A stream another test closed holds its slot until the server notices, at its next heartbeat at the latest.
        Poll.until("a stream slot of " + account + " is free", DEADLINE, () -> {
            try {
                EventStream candidate = EventStream.open(streamUrl(account, id), key, headers);
                if (candidate.status() == 429) {
                    candidate.close();
                    return false;
                }
                opened[0] = candidate;
                return true;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        EventStream stream = opened[0];
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        // The opening comment is written once the stream is registered: runs from now on are in it.
        stream.await(line -> line.startsWith(": live invocations"), DEADLINE);
        return stream;
    }

    @Test
    void aClientHoldingTheStreamGetsEachRunWithItsLogLines() throws Exception {
        try (EventStream stream = openStream("acme", logger, acmeKey)) {
            String first = invoke(acme, "acme", logger, "Ada");
            String second = invoke(acme, "acme", logger, "Grace");

            assertThat(stream.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: " + first);
            JsonNode event = JSON.readTree(stream.await(line -> line.startsWith("data: "), DEADLINE).substring(6));
            assertThat(event.path("id").asText()).isEqualTo(first);
            assertThat(event.path("functionId").asText()).isEqualTo(logger);
            assertThat(event.path("outcome").asText()).isEqualTo("OK");
            assertThat(event.path("trigger").asText()).isEqualTo("EXTERNAL");
            assertThat(event.path("durationMs").isNumber()).isTrue();
            assertThat(event.path("startedAt").asText()).isNotEmpty();
            assertThat(event.at("/logs/0/message").asText()).isEqualTo("run of logger for Ada");
            JsonNode next = JSON.readTree(stream.nextData("invocation", DEADLINE));
            assertThat(next.path("id").asText()).isEqualTo(second);
            assertThat(next.at("/logs/0/message").asText()).isEqualTo("run of logger for Grace");
        }
    }

    @Test
    void anotherAccountNeitherOpensTheStreamNorSeesTheRunsInItsOwn() throws Exception {
        Api.Answer foreign = globex.get("/accounts/acme/functions/" + logger + "/logs/stream");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text("/type")).endsWith("not-found");
        String own = deploy(globex, "globex", "logger");
        try (EventStream globexStream = openStream("globex", own, globexKey)) {
            invoke(acme, "acme", logger, "acme's secret");
            String globexRun = invoke(globex, "globex", own, "Linus");

            JsonNode event = JSON.readTree(globexStream.nextData("invocation", DEADLINE));
            assertThat(event.path("id").asText()).as("the first event is globex's own run").isEqualTo(globexRun);
            assertThat(globexStream.taken()).noneMatch(line -> line.contains("acme's secret"));
        }
        try (EventStream byAdmin = openStream("acme", logger, ADMIN_KEY)) {
            String run = invoke(acme, "acme", logger, "seen by the admin");
            assertThat(JSON.readTree(byAdmin.nextData("invocation", DEADLINE)).path("id").asText()).isEqualTo(run);
        }
    }

    @Test
    void aStreamBeyondTheAccountsCapIsAnsweredTooManyRequestsAndAQuietOneHasHeartbeats() throws Exception {
        try (EventStream first = openStream("acme", logger, acmeKey); EventStream second = openStream("acme", logger, acmeKey)) {
            Api.Answer third = acme.get("/accounts/acme/functions/" + logger + "/logs/stream");
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.text("/type")).endsWith("too-many-streams");
            assertThat(third.body().path("limit").asInt()).as("maxStreamsPerAccount of etc/").isEqualTo(2);
            // heartbeatSeconds = 2 in etc/: a comment line within the deadline although nothing runs.
            assertThat(first.await(": heartbeat"::equals, DEADLINE)).isEqualTo(": heartbeat");
        }
        // Closed streams free their slots (the server notices a client gone at its next write, a heartbeat at the latest).
        Poll.until("a stream may be opened again", DEADLINE, () -> {
            try (EventStream again = EventStream.open(streamUrl("acme", logger), acmeKey)) {
                return again.status() == 200;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsTheRunsItMissedFirst() throws Exception {
        String seen = invoke(acme, "acme", logger, "seen");
        String missedOne = invoke(acme, "acme", logger, "missed 1");
        String missedTwo = invoke(acme, "acme", logger, "missed 2");
        // Records are written behind the run: wait until the listing has them, as the replay reads it.
        Poll.until("the runs are recorded", DEADLINE,
                () -> acme.get("/accounts/acme/invocations/" + missedTwo).status() == 200);
        try (EventStream resumed = openStream("acme", logger, acmeKey, "Last-Event-ID", seen)) {
            assertThat(resumed.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: " + missedOne);
            assertThat(resumed.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: " + missedTwo);
            String live = invoke(acme, "acme", logger, "live");
            assertThat(resumed.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: " + live);
            assertThat(resumed.taken()).noneMatch(line -> line.equals("id: " + seen));
        }
    }
}
