package io.switchboard.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    /** A servlet that, like HttpServlet's own doTrace, would echo every request header back. */
    private final TestServer server = new TestServer(new HttpServlet() {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder echo = new StringBuilder("servlet-echo ").append(request.getMethod()).append(' ').append(request.getRequestURI());
            request.getHeaderNames().asIterator().forEachRemaining(name -> echo.append('\n').append(name).append(": ")
                    .append(request.getHeader(name)));
            response.getOutputStream().write(echo.toString().getBytes(StandardCharsets.UTF_8));
        }
    }, new RequestGuard());

    RequestGuardTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String request(String line, String... headers) {
        StringBuilder head = new StringBuilder(line + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    @Test
    void traceAndTrackAreRefusedWithoutEchoingCredentialsOrCookies() throws Exception {
        for (String method : new String[] {"TRACE", "TRACK"}) {
            TestServer.Answer answer = server.exchange(request(method + " /health", "Authorization: Bearer the-key",
                    "Cookie: session=the-cookie"), "");

            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.text()).contains("Allow: " + RequestGuard.ALLOWED_METHODS).contains("application/problem+json")
                    .contains("urn:switchboard:problem:method-not-allowed")
                    .doesNotContain("the-key").doesNotContain("the-cookie").doesNotContain("servlet-echo");
        }
    }

    @Test
    void anAmbiguousPathIsABadRequestBeforeAnyServlet() throws Exception {
        TestServer.Answer answer = server.exchange(request("GET /api/v1/.."), "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("urn:switchboard:problem:ambiguous-path").contains("'..' segment").doesNotContain("servlet-echo");
    }

    @Test
    void otherRequestsReachTheServlet() throws Exception {
        TestServer.Answer answer = server.exchange(request("GET /api/v1/event-types?x=..%2f"), "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).contains("servlet-echo GET /api/v1/event-types");
    }
}
