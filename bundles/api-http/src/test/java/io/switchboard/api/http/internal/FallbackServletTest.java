package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class FallbackServletTest {
    private static final String KEY = "acme-key";

    @Test
    void anUnservedPathIsA404ProblemInJsonNotTheContainersHtmlPage() throws Exception {
        try (ApiServer server = ApiServer.start(new FakeCore(), new ApiSettings(1_048_576, 20, 100))) {
            ApiServer.Reply reply = server.get("/nothing/here", null);
            ApiServer.Reply posted = server.send(server.request("/favicon.ico", null)
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build());

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:not-found");
            assertThat(reply.json().get("detail").asText()).contains("/nothing/here").contains("/api/v1");
            assertThat(posted.status()).isEqualTo(404);
            assertThat(posted.json().get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void theApiServletStillAnswersItsOwnPaths() throws Exception {
        try (ApiServer server = ApiServer.start(new FakeCore(), new ApiSettings(1_048_576, 20, 100))) {
            assertThat(server.get("/api/v1/event-types", KEY).status()).isEqualTo(200);
            assertThat(server.get("/api/v1/event-types", null).status()).isEqualTo(401);
        }
    }

    @Test
    void anApiPathWhileTheApiServletIsAwayIsA503WithRetryAfter() throws Exception {
        try (ApiServer server = ApiServer.withoutApi()) {
            ApiServer.Reply reply = server.get("/api/v1/event-types", KEY);
            ApiServer.Reply root = server.get("/api/v1", KEY);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:api-restarting");
            assertThat(root.status()).isEqualTo(503);
            assertThat(server.get("/api/v1x", KEY).status()).isEqualTo(404);
        }
    }

    @Test
    void aPathThatLeavesTheApiThroughADotSegmentIsNotServedRatherThanARestartingApi() throws Exception {
        try (ApiServer server = ApiServer.withoutApi(); java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            // Sent raw: an HTTP client would resolve the dot segment itself.
            socket.getOutputStream().write("GET /api/v1/.. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 404").contains("urn:switchboard:problem:not-found").doesNotContain("restarting");
        }
    }
}
