package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() {
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\": \"x\",\n \"code\": }");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:malformed-json");
        assertThat(reply.json().get("title").asText()).isEqualTo("Malformed JSON");
        assertThat(reply.json().get("detail").asText()).contains("line 2");
    }

    @Test
    void trailingTokensAndDuplicateKeysAreMalformedToo() {
        assertThat(server.post(BASE, KEY, "{\"name\":\"x\",\"code\":\"c\"} {}").status()).isEqualTo(400);
        assertThat(server.post(BASE, KEY, "{\"name\":\"x\",\"name\":\"y\",\"code\":\"c\"}").json().get("type").asText())
                .isEqualTo("urn:switchboard:problem:malformed-json");
    }

    @Test
    void invalidAndOverlongUtf8IsMalformed() {
        byte[] overlong = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] invalid = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'};
        for (byte[] body : new byte[][] {overlong, invalid}) {
            ApiServer.Reply reply = server.send(server.request(BASE, KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:malformed-json");
            assertThat(reply.json().get("detail").asText()).contains("UTF-8");
        }
    }

    @Test
    void aBodyThatIsNotAnObjectOrIsMissingIsAValidationError() {
        ApiServer.Reply array = server.post(BASE, KEY, "[1, 2]");
        ApiServer.Reply empty = server.post(BASE, KEY, null);

        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("errors").get(0).get("field").asText()).isEmpty();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("type").asText()).isEqualTo("urn:switchboard:problem:validation-failed");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        ApiServer.Reply text = server.send(server.request(BASE, KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build());
        ApiServer.Reply form = server.send(server.request(BASE, KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=x&code=y")).build());
        ApiServer.Reply untyped = server.send(server.request(BASE, KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"code\":\"c\"}")).build());

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asText()).contains("text/plain");
        assertThat(form.status()).isEqualTo(415);
        assertThat(untyped.status()).isEqualTo(415);
    }

    @Test
    void jsonWithCharsetOrAStructuredSuffixIsAccepted() {
        ApiServer.Reply reply = server.send(server.request(BASE, KEY).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"code\":\"c\"}")).build());
        ApiServer.Reply suffixed = server.send(server.request(BASE, KEY).header("Content-Type", "application/vnd.switchboard+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"y\",\"code\":\"c\"}")).build());

        assertThat(reply.status()).isEqualTo(201);
        assertThat(suffixed.status()).isEqualTo(201);
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() {
        ApiServer.Reply eventTypes = server.delete("/api/v1/event-types", KEY);
        ApiServer.Reply function = server.send(server.request(BASE + "/fn-1", KEY)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(eventTypes.status()).isEqualTo(405);
        assertThat(eventTypes.header("Allow")).isEqualTo("GET");
        assertThat(function.status()).isEqualTo(405);
        assertThat(function.header("Allow")).isEqualTo("DELETE, GET, PUT");
        assertThat(function.json().get("type").asText()).isEqualTo("urn:switchboard:problem:method-not-allowed");
    }

    @Test
    void anUnknownEndpointIs404ProblemJson() {
        ApiServer.Reply reply = server.get("/api/v1/accounts/acme/nothing", KEY);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("/api/v1/accounts/acme/nothing");
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        core.failure = new IllegalStateException("connection to jdbc:h2:secret-path refused");

        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\":\"x\",\"code\":\"c\"}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.response().body()).doesNotContain("jdbc", "IllegalStateException", "at io.");
        assertThat(reply.json().get("reference").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).contains(reply.json().get("reference").asText());
    }

    @Test
    void answersAreNeverCached() {
        assertThat(server.get("/api/v1/event-types", KEY).header("Cache-Control")).isEqualTo("no-store");
        assertThat(server.get("/api/v1/event-types", null).header("Cache-Control")).isEqualTo("no-store");
    }
}
