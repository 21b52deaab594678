package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.http.internal.stream.LogStreamConfiguration;
import io.switchboard.api.http.internal.stream.LogStreams;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import java.lang.annotation.Annotation;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live log stream over real Jetty: events of the function's runs only, heartbeats, tenancy, the cap, resuming. */
class LogStreamApiTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCore core = new FakeCore();
    private final HttpClient client = HttpClient.newHttpClient();
    private LogStreams streams;
    private ApiServer server;

    static LogStreamConfiguration config(int perAccount, int buffered, int heartbeatSeconds) {
        return new LogStreamConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return LogStreamConfiguration.class; }
            @Override public int maxStreamsPerAccount() { return perAccount; }
            @Override public int maxStreams() { return 50; }
            @Override public int bufferedEvents() { return buffered; }
            @Override public int heartbeatSeconds() { return heartbeatSeconds; }
            @Override public int maxReplayed() { return 100; }
        };
    }

    @BeforeEach
    void start() throws Exception {
        streams = new LogStreams(config(2, 16, 1));
        server = ApiServer.startWithLogStreams(core, new ApiSettings(1_048_576, 20, 100), streams);
    }

    @AfterEach
    void stop() {
        server.close();
        streams.stop();
    }

    private String deployed(String name) {
        String id = server.post(BASE, KEY, "{\"name\":\"" + name + "\",\"code\":\"c\"}").json().get("id").asText();
        assertThat(server.post(BASE + "/" + id + "/deploy", KEY, null).status()).isEqualTo(200);
        return id;
    }

    private EventStreamClient open(String path, String key) throws Exception {
        return new EventStreamClient(client, server.request(path, key).timeout(Duration.ofSeconds(60)).GET().build());
    }

    private static InvocationRecord record(String id, String functionId, String message) {
        return new InvocationRecord(id, "acme", functionId, 1, null, null, Trigger.EXTERNAL, Instant.parse("2026-12-03T14:00:00Z"), 12,
                Outcome.OK, "1", null, List.of(new LogLine(Instant.parse("2026-12-03T14:00:00.005Z"), LogLevel.INFO, message)));
    }

    @Test
    void aFinishedRunOfTheFunctionIsSentAsAnInvocationEventWithItsLogLines() throws Exception {
        String id = deployed("streamed");
        String other = deployed("other");
        try (EventStreamClient stream = open(BASE + "/" + id + "/logs/stream", KEY)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            stream.await(line -> line.startsWith(": live invocations"), DEADLINE);

            streams.invocationFinished(record("0193aaaa-0000-7000-8000-000000000001", other, "not this one"));
            streams.invocationFinished(record("0193aaaa-0000-7000-8000-000000000002", id, "hello from the run"));

            assertThat(stream.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: 0193aaaa-0000-7000-8000-000000000002");
            assertThat(stream.await(line -> line.startsWith("event: "), DEADLINE)).isEqualTo("event: invocation");
            JsonNode data = JSON.readTree(stream.await(line -> line.startsWith("data: "), DEADLINE).substring(6));
            assertThat(data.get("id").asText()).isEqualTo("0193aaaa-0000-7000-8000-000000000002");
            assertThat(data.get("outcome").asText()).isEqualTo("OK");
            assertThat(data.get("trigger").asText()).isEqualTo("EXTERNAL");
            assertThat(data.get("durationMs").asLong()).isEqualTo(12);
            assertThat(data.get("startedAt").asText()).isEqualTo("2026-12-03T14:00:00Z");
            assertThat(data.at("/logs/0/message").asText()).isEqualTo("hello from the run");
            assertThat(stream.seen()).noneMatch(line -> line.contains("not this one"));
        }
    }

    @Test
    void aQuietStreamGetsHeartbeatCommentLines() throws Exception {
        String id = deployed("quiet");
        try (EventStreamClient stream = open(BASE + "/" + id + "/logs/stream", KEY)) {
            assertThat(stream.await(line -> line.equals(": heartbeat"), DEADLINE)).isEqualTo(": heartbeat");
        }
    }

    @Test
    void anotherTenantsFunctionIsNotFoundAndTheAdminKeyMayStreamAny() throws Exception {
        String id = deployed("private");
        ApiServer.Reply foreign = server.get(BASE + "/" + id + "/logs/stream", "globex-key");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(server.get(BASE + "/unknown-function/logs/stream", KEY).status()).isEqualTo(404);
        assertThat(server.get(BASE + "/" + id + "/logs/stream", null).status()).isEqualTo(401);
        try (EventStreamClient admin = open(BASE + "/" + id + "/logs/stream", FakeCore.ADMIN_KEY)) {
            assertThat(admin.status()).isEqualTo(200);
        }
    }

    @Test
    void oneStreamMoreThanTheAccountMayHoldIsAnsweredTooManyRequests() throws Exception {
        String id = deployed("popular");
        try (EventStreamClient first = open(BASE + "/" + id + "/logs/stream", KEY);
             EventStreamClient second = open(BASE + "/" + id + "/logs/stream", KEY)) {
            first.await(line -> line.startsWith(": live"), DEADLINE);
            second.await(line -> line.startsWith(": live"), DEADLINE);
            ApiServer.Reply third = server.get(BASE + "/" + id + "/logs/stream", KEY);
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().get("type").asText()).endsWith("too-many-streams");
            assertThat(third.json().get("limit").asInt()).isEqualTo(2);
            assertThat(third.json().get("detail").asText()).contains("maxStreamsPerAccount");
        }
    }

    @Test
    void aClientThatResumesFromAPointInTimeFirstGetsTheRecordedRunsSinceThen() throws Exception {
        String id = deployed("resumed");
        String invocation = server.post(BASE + "/" + id + "/invoke", KEY, "{}").json().get("invocationId").asText();
        try (EventStreamClient stream = open(BASE + "/" + id + "/logs/stream?since=" + FakeCore.NOW, KEY)) {
            assertThat(stream.await(line -> line.startsWith("id: "), DEADLINE)).isEqualTo("id: " + invocation);
        }
        ApiServer.Reply bad = server.get(BASE + "/" + id + "/logs/stream?since=yesterday", KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("since");
    }
}
