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
import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.RequestBodies;
import io.switchboard.http.internal.BodyLimits;
import io.switchboard.http.internal.BoundedBodyReader;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long NOW = 1_800_000_000L;
    private static final String SECRET = "s3cret";

    private final WebhookRegistry registry = new WebhookRegistry();
    private final CamelContext camel = new DefaultCamelContext();
    private final BoundedBodyReader reader = new BoundedBodyReader(new BodyLimits(5_000, 0, 8, 4));
    private RequestBodies bodies = reader;
    private final WebhookServlet servlet = new WebhookServlet(registry,
            key -> "acme-key".equals(key) ? Optional.of(new Caller("acme", false)) : Optional.empty(),
            (request, account, maxBytes) -> bodies.read(request, account, maxBytes), config(64),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

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
                from("webhook:/events/test/echo").process(e -> e.getMessage().setBody(new TreeMap<>(e.getMessage().getHeaders())));
                from("webhook:/events/test/switching").process(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 101));
                from("webhook:/events/test/stuck").process(e -> {
                    // What the executor's housekeeping does while a function cannot be stopped on this (the request's) thread.
                    io.switchboard.core.api.execution.CallerRescue rescue = io.switchboard.core.api.execution.CallerRescue.current();
                    java.util.concurrent.CompletableFuture.runAsync(() -> rescue.rescue(new io.switchboard.core.api.execution.ExecutionResult(
                            io.switchboard.core.api.execution.Outcome.TIMEOUT, null, new io.switchboard.core.api.execution.ExecutionError(
                                    io.switchboard.core.api.execution.ExecutionResult.UNSTOPPABLE, "could not be stopped"), List.of(),
                            Duration.ofSeconds(7)))).get(20, java.util.concurrent.TimeUnit.SECONDS);
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    e.getMessage().setBody(Map.of("late", true));
                });
                from("webhook:/events/test/gateway").process(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 901));
                from("webhook:/events/test/quarantined").process(e -> {
                    var refused = new io.switchboard.core.api.dispatch.FunctionOutcome("inv-1", "f-1", "loop", 1,
                            io.switchboard.core.api.execution.Outcome.REJECTED, null, new io.switchboard.core.api.execution.ExecutionError(
                                    "com.switchboard.dispatch.quarantined", "quarantined"), List.of());
                    e.getMessage().setBody(new io.switchboard.core.api.dispatch.DispatchResult("evt-1",
                            io.switchboard.core.api.event.InvocationMode.SYNC, List.of(refused),
                            io.switchboard.core.api.event.ResultDelivery.COMMAND_REPLY, null, refused, Duration.ofSeconds(7)));
                }).process(io.switchboard.camel.api.EventReplies.answer());
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        reader.close();
    }

    private record Answer(int status, JsonNode body, HttpServletResponse response) {
    }

    private Answer post(String path, String body, long declaredLength, String authorization) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), declaredLength, authorization, "application/json");
    }

    private Answer post(String path, byte[] body, long declaredLength, String authorization, String contentType) throws Exception {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return post(path, body, declaredLength, contentType, headers);
    }

    private Answer post(String path, byte[] body, long declaredLength, String contentType, Map<String, String> headers) throws Exception {
        HttpServletRequest request = request(path, body, declaredLength, contentType, headers);
        HttpServletResponse response = mock(HttpServletResponse.class);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        when(response.getOutputStream()).thenReturn(output(written));
        int[] status = {200};
        org.mockito.Mockito.doAnswer(call -> status[0] = call.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        servlet.service(request, response);
        return new Answer(status[0], written.size() == 0 ? JSON.missingNode() : JSON.readTree(written.toByteArray()), response);
    }

    private static HttpServletRequest request(String path, byte[] body, long declaredLength, String contentType,
            Map<String, String> headers) throws Exception {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentType()).thenReturn(contentType);
        when(request.getMethod()).thenReturn("POST");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getContentLengthLong()).thenReturn(declaredLength);
        when(request.getHeader(org.mockito.ArgumentMatchers.anyString())).thenAnswer(call -> byName.get(call.<String>getArgument(0)));
        when(request.getHeaderNames()).thenAnswer(call -> Collections.enumeration(List.copyOf(byName.keySet())));
        when(request.getInputStream()).thenReturn(input(body));
        return request;
    }

    private static Map<String, String> signedHeaders(long timestamp, String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Switchboard-Account", "acme");
        headers.put("X-Switchboard-Timestamp", Long.toString(timestamp));
        headers.put("X-Switchboard-Signature", "sha256=" + WebhookAuthentication.hmac(SECRET.getBytes(StandardCharsets.UTF_8),
                (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    @Test
    void headersOfThePlatformSentOverHttpNeverReachTheRoute() throws Exception {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer acme-key");
        headers.put("CamelHttpResponseCode", "abc");
        headers.put("camelhttpresponsecode", "101");
        headers.put("SwitchboardAccount", "bob");
        headers.put("switchboardwebhookpath", "/events/other");
        headers.put("X-Switchboard-Extra", "x");
        headers.put("org.apache.camel.Foo", "y");
        headers.put("X-Custom", "kept");

        Answer answer = post("/events/test/echo", "{}".getBytes(StandardCharsets.UTF_8), 2, "application/json", headers);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("X-Custom").asText()).isEqualTo("kept");
        assertThat(answer.body().get("SwitchboardAccount").asText()).isEqualTo("acme");
        assertThat(answer.body().get("SwitchboardWebhookPath").asText()).isEqualTo("/events/test/echo");
        answer.body().fieldNames().forEachRemaining(name -> assertThat(name)
                .satisfiesAnyOf(n -> assertThat(n).isIn("SwitchboardAccount", "SwitchboardWebhookPath", "SwitchboardHttpQuery", "CamelHttpResponseCode",
                        "Content-Type"), n -> assertThat(n).doesNotStartWithIgnoringCase("camel").doesNotStartWithIgnoringCase("switchboard")
                        .doesNotStartWithIgnoringCase("x-switchboard").doesNotStartWithIgnoringCase("org.apache.camel")));
        assertThat(answer.body().path("CamelHttpResponseCode").isMissingNode()).isTrue();
    }

    @Test
    void aRouteStatusHttpCannotCarryIsAnInternalErrorWhileTheGateways901StaysAllowed() throws Exception {
        Answer switching = post("/events/test/switching", "{}", 2, "Bearer acme-key");
        Answer gateway = post("/events/test/gateway", "{}", 2, "Bearer acme-key");

        assertThat(switching.status()).isEqualTo(500);
        assertThat(switching.body().get("reference").asText()).isNotBlank();
        assertThat(gateway.status()).isEqualTo(901);
    }

    @Test
    void aCallWithoutKeyOrSignatureIsRefusedWithoutReadingItsBody() throws Exception {
        HttpServletRequest request = request("/events/test/ok", "{}".getBytes(StandardCharsets.UTF_8), 2, "application/json", Map.of());
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(output(new ByteArrayOutputStream()));

        servlet.service(request, response);

        verify(response).setStatus(401);
        verify(response).setHeader("Connection", "close");
        verify(request, org.mockito.Mockito.never()).getInputStream();
    }

    @Test
    void aCallSignedWithACurrentTimestampIsRunAndAWrongSignatureIsRefusedAfterTheBody() throws Exception {
        String body = "{\"a\":1}";
        Map<String, String> wrong = signedHeaders(NOW, "{\"a\":2}");

        Answer right = post("/events/test/ok", body.getBytes(StandardCharsets.UTF_8), body.length(), "application/json",
                signedHeaders(NOW - 5, body));
        Answer refused = post("/events/test/ok", body.getBytes(StandardCharsets.UTF_8), body.length(), "application/json", wrong);
        Answer replayed = post("/events/test/ok", body.getBytes(StandardCharsets.UTF_8), body.length(), "application/json",
                signedHeaders(NOW - 301, body));

        assertThat(right.status()).isEqualTo(202);
        assertThat(right.body().get("account").asText()).isEqualTo("acme");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body().get("detail").asText()).contains("tolerance of 300 s");
    }

    @Test
    void aBodyTheReaderRefusesIsAnsweredWithItsStatusAndTheConnectionIsClosed() throws Exception {
        bodies = (request, account, maxBytes) -> {
            throw new BodyRefusedException(BodyRefusedException.Refusal.TOO_SLOW, "too slow for " + account, 10_000);
        };
        Answer slow = post("/events/test/ok", "{}", 2, "Bearer acme-key");
        bodies = (request, account, maxBytes) -> {
            throw new BodyRefusedException(BodyRefusedException.Refusal.ACCOUNT_BUSY, "busy", 16);
        };
        Answer busy = post("/events/test/ok", "{}", 2, "Bearer acme-key");

        assertThat(slow.status()).isEqualTo(408);
        assertThat(slow.body().get("type").asText()).isEqualTo("urn:switchboard:problem:request-timeout");
        assertThat(slow.body().get("detail").asText()).isEqualTo("too slow for acme");
        verify(slow.response()).setHeader("Connection", "close");
        assertThat(busy.status()).isEqualTo(429);
        verify(busy.response()).setHeader("Retry-After", "1");
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
        Map<String, String> chunked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        chunked.put("Authorization", "Bearer acme-key");
        chunked.put("Transfer-Encoding", "chunked");
        Answer answer = post("/events/test/ok", ("{\"x\":\"" + "y".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8), -1,
                "application/json", chunked);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().get("maxBytes").asInt()).isEqualTo(64);
    }

    @Test
    void aRaisedBodyLimitAppliesToTheNextCallWithoutARestart() throws Exception {
        byte[] body = ("{\"x\":\"" + "y".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> chunked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        chunked.put("Authorization", "Bearer acme-key");
        chunked.put("Transfer-Encoding", "chunked");
        assertThat(post("/events/test/ok", body, -1, "application/json", chunked).status()).isEqualTo(413);

        servlet.modified(config(4096));

        assertThat(post("/events/test/ok", body, -1, "application/json", chunked).status()).as("the route's answer").isEqualTo(202);
    }

    @Test
    void aBodyNotSentAsJsonIs415AndCharsetOrPlusJsonTypesAreAccepted() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        Answer text = post("/events/test/ok", body, 2, "Bearer acme-key", "text/plain");
        Answer none = post("/events/test/ok", body, 2, "Bearer acme-key", (String) null);

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
        when(request.getHeader("Authorization")).thenReturn("Bearer acme-key");
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
    void anEventTheCoreRefusedForNowIsAnsweredInLivePersonsShapeWithRetryAfter() throws Exception {
        Answer refused = post("/events/test/quarantined", "{}", 2, "Bearer acme-key");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.unavailable");
        assertThat(refused.body().get("errorMsg").asText()).startsWith("com.switchboard.dispatch.quarantined: ");
        verify(refused.response()).setHeader("Retry-After", "7");
    }

    @Test
    void aRefusalWithRetryAfterIsHeldForTheDelayWithoutAThreadAndOthersAreAnsweredAtOnce() throws Exception {
        WebhookServlet delaying = new WebhookServlet(registry,
                key -> "acme-key".equals(key) ? Optional.of(new Caller("acme", false)) : Optional.empty(),
                (request, account, maxBytes) -> bodies.read(request, account, maxBytes), config(64, 1000),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        try {
            Held quarantined = postAsync(delaying, "/events/test/quarantined");
            Held full = postAsync(delaying, "/events/test/full");
            Held ok = postAsync(delaying, "/events/test/ok");

            assertThat(quarantined.async()).as("the refusal went asynchronous: the request thread is free").isTrue();
            verify(quarantined.response()).setStatus(503);
            verify(quarantined.response()).setHeader("Retry-After", "7");
            assertThat(quarantined.completed().await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(quarantined.sentAfterMillis()).as("held for the delay").isGreaterThanOrEqualTo(1000);
            assertThat(JSON.readTree(quarantined.written().toByteArray()).get("errorCode").asText())
                    .isEqualTo("com.liveperson.faas.es.unavailable");
            assertThat(full.async()).as("one held at most (maxHeldRefusals=1): the second refusal is answered at once").isFalse();
            assertThat(JSON.readTree(full.written().toByteArray()).get("status").asInt()).isEqualTo(429);
            assertThat(ok.async()).as("an answer without Retry-After is never held").isFalse();
            assertThat(ok.written().size()).isPositive();
        } finally {
            delaying.deactivate();
        }
    }

    private record Held(boolean async, HttpServletResponse response, ByteArrayOutputStream written,
            java.util.concurrent.CountDownLatch completed, long startedNanos, long[] sentNanos) {
        long sentAfterMillis() {
            return (sentNanos[0] - startedNanos) / 1_000_000;
        }
    }

    private Held postAsync(WebhookServlet target, String path) throws Exception {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer acme-key");
        HttpServletRequest request = request(path, "{}".getBytes(StandardCharsets.UTF_8), 2, "application/json", headers);
        when(request.isAsyncSupported()).thenReturn(true);
        jakarta.servlet.AsyncContext async = mock(jakarta.servlet.AsyncContext.class);
        when(request.startAsync()).thenReturn(async);
        java.util.concurrent.CountDownLatch completed = new java.util.concurrent.CountDownLatch(1);
        long[] sent = {0};
        org.mockito.Mockito.doAnswer(call -> {
            Thread thread = new Thread(call.<Runnable>getArgument(0));
            thread.start();
            return null;
        }).when(async).start(org.mockito.ArgumentMatchers.any());
        org.mockito.Mockito.doAnswer(call -> {
            sent[0] = System.nanoTime();
            completed.countDown();
            return null;
        }).when(async).complete();
        HttpServletResponse response = mock(HttpServletResponse.class);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        when(response.getOutputStream()).thenReturn(output(written));
        long started = System.nanoTime();
        target.service(request, response);
        boolean wentAsync = org.mockito.Mockito.mockingDetails(request).getInvocations().stream()
                .anyMatch(i -> i.getMethod().getName().equals("startAsync"));
        if (wentAsync) {
            assertThat(written.size()).as("nothing sent before the delay").isZero();
        }
        return new Held(wentAsync, response, written, completed, started, sent);
    }

    @Test
    void aCallerWhoseFunctionCannotBeStoppedIsAnsweredFromElsewhereOnceAndTheLateReplyIsDropped() throws Exception {
        Answer rescued = post("/events/test/stuck", "{}", 2, "Bearer acme-key");

        assertThat(rescued.status()).isEqualTo(901);
        assertThat(rescued.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.handler.executiontime-exceeded");
        assertThat(rescued.body().get("errorMsg").asText()).isEqualTo("could not be stopped");
        assertThat(rescued.body().has("late")).as("the route's late reply is not written").isFalse();
        verify(rescued.response()).setHeader("Connection", "close");
        verify(rescued.response()).flushBuffer();
        verify(rescued.response(), org.mockito.Mockito.never()).setStatus(200);
    }

    @Test
    void aClientCannotSetTheRetryAfterOfTheAnswer() throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Authorization", "Bearer acme-key"));
        headers.put(io.switchboard.camel.api.SwitchboardHeaders.HTTP_RETRY_AFTER, "99");
        headers.put("Retry-After", "98");

        Answer answer = post("/events/test/ok", "{}".getBytes(StandardCharsets.UTF_8), 2, "application/json", headers);

        assertThat(answer.status()).isEqualTo(202);
        verify(answer.response(), org.mockito.Mockito.never()).setHeader(org.mockito.ArgumentMatchers.eq("Retry-After"),
                org.mockito.ArgumentMatchers.anyString());
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
        return config(maxBodyBytes, 0);
    }

    private static WebhookConfiguration config(long maxBodyBytes, long refusalDelayMillis) {
        return new WebhookConfiguration() {
            @Override
            public long refusalDelayMillis() {
                return refusalDelayMillis;
            }

            @Override
            public int maxHeldRefusals() {
                return 1;
            }

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
                return new String[] {"acme@/events/test/=" + SECRET};
            }

            @Override
            public long signatureToleranceSeconds() {
                return 300;
            }

            @Override
            public boolean acceptUntimedSignatures() {
                return false;
            }
        };
    }

    @Test
    void jsonMediaTypesAreToldApartInPlaceWhateverTheirCaseAndParameters() {
        assertThat(WebhookServlet.isJson("application/json")).isTrue();
        assertThat(WebhookServlet.isJson(" Application/JSON ; charset=utf-8")).isTrue();
        assertThat(WebhookServlet.isJson("application/cloudevents+json")).isTrue();
        assertThat(WebhookServlet.isJson("application/vnd.lp+JSON;v=1")).isTrue();
        assertThat(WebhookServlet.isJson("application/+json")).isFalse();
        assertThat(WebhookServlet.isJson("application/jsonx")).isFalse();
        assertThat(WebhookServlet.isJson("application/json-seq")).isFalse();
        assertThat(WebhookServlet.isJson("text/json")).isFalse();
        assertThat(WebhookServlet.isJson("text/plain+json")).isFalse();
        assertThat(WebhookServlet.isJson("application")).isFalse();
        assertThat(WebhookServlet.isJson("")).isFalse();
        assertThat(WebhookServlet.isJson(";")).isFalse();
        assertThat(WebhookServlet.isJson(null)).isFalse();
    }

    @Test
    void credentialsTheSignatureLengthAndHostAreNotForwardedInAnyCase() throws Exception {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("authorization", "Bearer k");
        headers.put("PROXY-AUTHORIZATION", "Basic x");
        headers.put("Cookie", "c=1");
        headers.put("x-switchboard-signature", "sha256=00");
        headers.put("Content-Length", "2");
        headers.put("HOST", "localhost");
        headers.put("X-Trace", "t");
        headers.put("User-Agent", "wrk");
        HttpServletRequest request = request("/events/test/ok", new byte[0], 0, "application/json", headers);

        assertThat(WebhookServlet.forwardedHeaders(request, "X-Switchboard-Signature"))
                .containsOnly(Map.entry("X-Trace", "t"), Map.entry("User-Agent", "wrk"));
    }
}
