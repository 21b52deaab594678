package io.switchboard.camel.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.security.Caller;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookRegistry registry = new WebhookRegistry();
    private final CamelContext camel = new DefaultCamelContext();
    private final WebhookServlet servlet = new WebhookServlet(registry,
            key -> "acme-key".equals(key) ? Optional.of(new Caller("acme", false)) : Optional.empty(), config(64));

    WebhookServletTest() throws Exception {
        camel.addComponent("webhook", new WebhookComponent(registry));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("webhook:/events/test/ok").process(e -> {
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                    e.getMessage().setBody(Map.of("account", e.getMessage().getHeader("SwitchboardAccount"),
                            "sawAuthorization", e.getMessage().getHeader("Authorization") != null));
                });
                from("webhook:/events/test/invalid").process(e -> {
                    throw new InvalidPayloadException("bad", List.of(new FieldError("/skillId", "is required")));
                });
                from("webhook:/events/test/full").process(e -> {
                    throw new CapacityExceededException("full", Duration.ofSeconds(3));
                });
                from("webhook:/events/test/broken").process(e -> {
                    throw new IllegalStateException("bug");
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private record Answer(int status, JsonNode body, HttpServletResponse response) {
    }

    private Answer post(String path, String body, long declaredLength, String authorization) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), declaredLength, authorization, "application/json");
    }

    private Answer post(String path, byte[] body, long declaredLength, String authorization, String contentType) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentType()).thenReturn(contentType);
        when(request.getMethod()).thenReturn("POST");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getContentLengthLong()).thenReturn(declaredLength);
        when(request.getHeader("Authorization")).thenReturn(authorization);
        when(request.getHeaderNames()).thenReturn(Collections.enumeration(authorization == null ? List.of() : List.of("Authorization")));
        when(request.getInputStream()).thenReturn(input(body));
        HttpServletResponse response = mock(HttpServletResponse.class);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        when(response.getOutputStream()).thenReturn(output(written));
        int[] status = {200};
        org.mockito.Mockito.doAnswer(call -> status[0] = call.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        servlet.service(request, response);
        return new Answer(status[0], written.size() == 0 ? JSON.missingNode() : JSON.readTree(written.toByteArray()), response);
    }

    @Test
    void theRoutesStatusAndBodyAreTheAnswerAndCredentialsStayOutOfTheRoute() throws Exception {
        Answer answer = post("/events/test/ok", "{}", 2, "Bearer acme-key");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().get("account").asText()).isEqualTo("acme");
        assertThat(answer.body().get("sawAuthorization").asBoolean()).isFalse();
    }

    @Test
    void aBodyOverTheLimitIs413EvenWithoutContentLength() throws Exception {
        Answer answer = post("/events/test/ok", "{\"x\":\"" + "y".repeat(100) + "\"}", -1, "Bearer acme-key");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().get("maxBytes").asInt()).isEqualTo(64);
    }

    @Test
    void aBodyNotSentAsJsonIs415AndCharsetOrPlusJsonTypesAreAccepted() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        Answer text = post("/events/test/ok", body, 2, "Bearer acme-key", "text/plain");
        Answer none = post("/events/test/ok", body, 2, "Bearer acme-key", null);

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body().path("type").asText()).endsWith("unsupported-media-type");
        assertThat(none.status()).isEqualTo(415);
        assertThat(post("/events/test/ok", body, 2, "Bearer acme-key", "application/json; charset=utf-8").status()).isEqualTo(202);
        assertThat(post("/events/test/ok", body, 2, "Bearer acme-key", "application/vnd.event+json").status()).isEqualTo(202);
    }

    @Test
    void aBodyThatIsNotValidUtf8Is400() throws Exception {
        byte[] invalid = {'{', '"', 'x', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        byte[] overlong = {'{', '"', 'x', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};

        Answer answer = post("/events/test/ok", invalid, invalid.length, "Bearer acme-key", "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asText()).contains("UTF-8");
        assertThat(post("/events/test/ok", overlong, overlong.length, "Bearer acme-key", "application/json").status()).isEqualTo(400);
    }

    @Test
    void bodiesAreDecodedAsStrictUtf8WhetherAsciiOrNot() {
        String text = "{\"text\":\"gr\u00fc\u00df dich \u2603 \ud83d\ude00\"}";

        assertThat(WebhookServlet.strictUtf8("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).contains("{\"a\":1}");
        assertThat(WebhookServlet.strictUtf8(text.getBytes(StandardCharsets.UTF_8))).contains(text);
        assertThat(WebhookServlet.strictUtf8(new byte[0])).contains("");
        assertThat(WebhookServlet.strictUtf8(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80})).isEmpty();
        assertThat(WebhookServlet.strictUtf8(new byte[] {'a', (byte) 0xc3})).isEmpty();
    }

    @Test
    void aCallerThatStopsSendingGetsNoAnswerAndNothingIsLoggedAsAnError() throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getRequestURI()).thenReturn("/events/test/ok");
        when(request.getContextPath()).thenReturn("");
        when(request.getContentType()).thenReturn("application/json");
        when(request.getContentLengthLong()).thenReturn(10L);
        when(request.getInputStream()).thenThrow(new java.io.EOFException("early EOF"));
        HttpServletResponse response = mock(HttpServletResponse.class);

        servlet.service(request, response);

        org.mockito.Mockito.verify(response, org.mockito.Mockito.never()).setStatus(org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void anUnknownPathIs404AndAnUnknownKey401() throws Exception {
        assertThat(post("/events/test/none", "{}", 2, "Bearer acme-key").status()).isEqualTo(404);
        Answer unauthorized = post("/events/test/ok", "{}", 2, "Bearer wrong");
        assertThat(unauthorized.status()).isEqualTo(401);
        verify(unauthorized.response()).setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
    }

    @Test
    void theCoresRefusalsAreProblemDetails() throws Exception {
        Answer invalid = post("/events/test/invalid", "{}", 2, "Bearer acme-key");
        Answer full = post("/events/test/full", "{}", 2, "Bearer acme-key");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().at("/errors/0/field").asText()).isEqualTo("/skillId");
        assertThat(full.status()).isEqualTo(429);
        verify(full.response()).setHeader("Retry-After", "3");
    }

    @Test
    void anUnexpectedFailureIs500WithAReferenceAndNoDetailsOfTheBug() throws Exception {
        Answer answer = post("/events/test/broken", "{}", 2, "Bearer acme-key");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().get("reference").asText()).isNotBlank();
        assertThat(answer.body().toString()).doesNotContain("bug");
    }

    private static ServletInputStream input(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ServletOutputStream output(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static WebhookConfiguration config(long maxBodyBytes) {
        return new WebhookConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookConfiguration.class;
            }

            @Override
            public long maxBodyBytes() {
                return maxBodyBytes;
            }

            @Override
            public String signatureHeader() {
                return "X-Switchboard-Signature";
            }

            @Override
            public String[] signingSecrets() {
                return new String[0];
            }
        };
    }
}
