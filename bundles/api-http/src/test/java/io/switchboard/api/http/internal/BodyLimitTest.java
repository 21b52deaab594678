package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import io.switchboard.http.internal.BodyLimits;
import io.switchboard.http.internal.BoundedBodyReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The body limit holds however the size is declared: honestly, not at all (chunked) or falsely. */
class BodyLimitTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";
    private static final int LIMIT = 1024;

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String functionOfSize(int bytes) {
        String prefix = "{\"name\":\"big\",\"code\":\"";
        String suffix = "\"}";
        return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() throws Exception {
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100));

        assertThat(server.post(BASE, KEY, functionOfSize(LIMIT)).status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100));

        ApiServer.Reply reply = server.post(BASE, KEY, functionOfSize(LIMIT + 1));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("maxBytes").asLong()).isEqualTo(LIMIT);
        assertThat(server.get(BASE, KEY).json().get("total").asLong()).isZero();
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCountedWhileReading() throws Exception {
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100));
        byte[] body = functionOfSize(10 * LIMIT).getBytes(StandardCharsets.UTF_8);

        ApiServer.Reply reply = server.send(server.request(BASE, KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void aContentLengthThatUnderstatesTheBodyIsNotTrusted() throws Exception {
        // The container enforces Content-Length on the wire, so the lie is told where the servlet sees it.
        Filter lyingContentLength = (request, response, chain) -> chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
            @Override
            public long getContentLengthLong() {
                return 10;
            }

            @Override
            public int getContentLength() {
                return 10;
            }
        }, response);
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100), lyingContentLength);

        ApiServer.Reply reply = server.post(BASE, KEY, functionOfSize(4 * LIMIT));

        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() throws Exception {
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100));

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + BASE + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aBodyThatStallsIsAnswered408OnceTheReadTimeoutPasses() throws Exception {
        BoundedBodyReader reader = new BoundedBodyReader(new BodyLimits(300, 0, 8, 4));
        server = ApiServer.startReading(core, new ApiSettings(LIMIT, 20, 100), reader);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + BASE + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("urn:switchboard:problem:request-timeout")
                    .contains("not complete within 300 ms");
        } finally {
            reader.close();
        }
        assertThat(server.get(BASE, KEY).json().get("total").asLong()).isZero();
    }

    @Test
    void aCallerWithoutAValidKeyIsRefusedBeforeItsBodyIsRead() throws Exception {
        server = ApiServer.start(core, new ApiSettings(LIMIT, 20, 100));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            // The body never comes: only an answer given without reading it arrives.
            socket.getOutputStream().write(("POST " + BASE + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer wrong"
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(in.readLine()).startsWith("HTTP/1.1 401");
        }
    }
}
