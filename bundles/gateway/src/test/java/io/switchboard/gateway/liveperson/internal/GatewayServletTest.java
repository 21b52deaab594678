package io.switchboard.gateway.liveperson.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.security.Caller;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in the Jetty 12 the distribution embeds, called with the request shapes of LivePerson's official clients:
 * faas-client-node ({@code ?v=1&externalSystem=...}, headers {@code User-Agent}, {@code X-Request-ID}, body
 * {@code {timestamp, headers: [{key, value}], payload}}) and faas-client-jdk (the same path and body).
 */
class GatewayServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA = "4ec49ffc-080b-4e59-b302-18d6b826191b";
    private static final String END = "controllerbot_messaging_conversation_end";
    private static final String COMMAND = "conversational_command";
    private static final String BODY = "{\"timestamp\": 1764235200000, \"headers\": [{\"key\": \"X-Trace\", \"value\": \"t-1\"}], "
            + "\"payload\": {\"general\": {\"convId\": \"c-1\"}}}";

    private final AtomicReference<FunctionOutcome> nextOutcome = new AtomicReference<>();
    private final AtomicReference<String> invokedWith = new AtomicReference<>();
    private final AtomicReference<DispatchRequest> dispatched = new AtomicReference<>();
    private final AtomicReference<DispatchResult> nextResult = new AtomicReference<>();
    private final FunctionService functions = mock(FunctionService.class);
    private final EventCatalog catalog = mock(EventCatalog.class);
    private final java.util.concurrent.CountDownLatch stuckReleased = new java.util.concurrent.CountDownLatch(1);
    private final Server server = new Server();
    // HTTP/1.1 as LivePerson's clients speak it (and without an h2c upgrade, which makes the JDK client queue requests behind it).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ServerConnector connector = new ServerConnector(server);
    private final GatewayServlet servlet;

    GatewayServletTest() throws Exception {
        FunctionInvoker invoker = (account, ref, payload, headers, trigger) -> {
            invokedWith.set(account + "|" + ref + "|" + payload + "|" + headers + "|" + trigger);
            if (ref.equals("stuck")) {
                // What the executor's housekeeping does while a function cannot be stopped on this (the request's) thread.
                io.switchboard.core.api.execution.CallerRescue rescue = io.switchboard.core.api.execution.CallerRescue.current();
                java.util.concurrent.CompletableFuture.runAsync(() -> rescue.rescue(new io.switchboard.core.api.execution.ExecutionResult(
                        Outcome.TIMEOUT, null, new ExecutionError(io.switchboard.core.api.execution.ExecutionResult.UNSTOPPABLE,
                                "could not be stopped"), List.of(), Duration.ofSeconds(7))));
                try {
                    stuckReleased.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return outcome(Outcome.OK, "{\"late\":true}", null, null);
            }
            if (ref.equals("capacity")) {
                throw new CapacityExceededException("full", Duration.ofSeconds(2));
            }
            if (!ref.equals(LAMBDA)) {
                throw new UnknownFunctionException("no " + ref);
            }
            return nextOutcome.get();
        };
        EventDispatcher dispatcher = request -> {
            dispatched.set(request);
            return nextResult.get();
        };
        when(catalog.get(END)).thenReturn(Optional.of(new EventTypeView(type(END, EventSelection.SKILL, true), 1)));
        when(catalog.get(COMMAND)).thenReturn(Optional.of(new EventTypeView(type(COMMAND, EventSelection.COMMAND, false), 30)));
        when(catalog.get("messaging_conversation_end")).thenReturn(Optional.empty());
        when(functions.get("acme", "draft-fn")).thenReturn(mock(FunctionInfo.class));
        when(functions.get("acme", "nothing")).thenThrow(new NotFoundException("none"));
        servlet = new GatewayServlet(key -> switch (key) {
            case "acme-key" -> Optional.of(new Caller("acme", false));
            case "globex-key" -> Optional.of(new Caller("globex", false));
            default -> Optional.empty();
        }, invoker, dispatcher, (account, event, skill) -> "acme".equals(account) && "42".equals(skill), catalog, functions, config(1024));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true); // as the whiteboard registers it (@HttpWhiteboardServletAsyncSupported)
        context.addServlet(holder, "/api/account/*");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        servlet.deactivate();
        server.stop();
    }

    /** The configuration with a body limit, the other keys at their defaults. */
    private static GatewayConfiguration config(long maxBodyBytes) {
        return config(maxBodyBytes, 0, -1);
    }

    /** The configuration with a body limit and, when {@code maxHeld >= 0}, a refusal delay and the most refusals held. */
    private static GatewayConfiguration config(long maxBodyBytes, long refusalDelayMillis, int maxHeld) {
        return (GatewayConfiguration) java.lang.reflect.Proxy.newProxyInstance(GatewayConfiguration.class.getClassLoader(),
                new Class<?>[] {GatewayConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxBodyBytes" -> maxBodyBytes;
                    case "refusalDelayMillis" -> maxHeld >= 0 ? refusalDelayMillis : method.getDefaultValue();
                    case "maxHeldRefusals" -> maxHeld >= 0 ? maxHeld : method.getDefaultValue();
                    default -> method.getDefaultValue();
                });
    }

    private static EventTypeDefinition type(String id, EventSelection selection, boolean skills) {
        return new EventTypeDefinition(id, id, "", "F", 1, skills, InvocationMode.SYNC, selection, 0,
                selection == EventSelection.COMMAND ? ResultDelivery.COMMAND_REPLY : ResultDelivery.COMMANDS, "{}", "{}", "{}", null);
    }

    private record Reply(int status, JsonNode body, HttpResponse<String> response) {
    }

    /** As faas-client-node sends it: query v and externalSystem, its User-Agent and a request id. */
    private Reply post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                .header("Content-Type", "application/json").header("User-Agent", "faas-client-js@2.0.0")
                .header("X-Request-ID", "b1f5c3a2-7e2d-4a1b-9c3e-5d6f7a8b9c0d")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    private Reply get(String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                .header("Authorization", "Bearer " + key).GET().build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body()), response);
    }

    private static FunctionOutcome outcome(Outcome outcome, String result, String code, String message) {
        return new FunctionOutcome("inv-1", LAMBDA, "fn", 1, outcome, result, code == null ? null : new ExecutionError(code, message), List.of());
    }

    private static String lambda(String account, String uuid) {
        return "/api/account/" + account + "/lambdas/" + uuid + "/invoke?v=1&externalSystem=unknown";
    }

    @Test
    void aLambdaInvocationAnswersTheFunctionsResultAsTheBody() throws Exception {
        nextOutcome.set(outcome(Outcome.OK, "{\"messages\":[\"hi\"]}", null, null));

        Reply reply = post(lambda("acme", LAMBDA), "acme-key", BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(JSON.readTree("{\"messages\":[\"hi\"]}"));
        assertThat(reply.response().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(invokedWith.get()).isEqualTo("acme|" + LAMBDA + "|{\"general\":{\"convId\":\"c-1\"}}|" + List.of(new Header("X-Trace", "t-1"))
                + "|EXTERNAL");
    }

    @Test
    void aFailingFunctionIsAnswered901WithLivePersonsCodes() throws Exception {
        nextOutcome.set(outcome(Outcome.ERROR, null, "com.switchboard.function.failed", "Error: nope"));
        Reply thrown = post(lambda("acme", LAMBDA), "acme-key", BODY);
        nextOutcome.set(outcome(Outcome.ERROR, null, "com.switchboard.function.runtime-error", "TypeError: x is undefined"));
        Reply typeError = post(lambda("acme", LAMBDA), "acme-key", BODY);
        nextOutcome.set(outcome(Outcome.TIMEOUT, null, "com.switchboard.function.timeout", "30000 ms"));
        Reply timeout = post(lambda("acme", LAMBDA), "acme-key", BODY);

        assertThat(thrown.status()).isEqualTo(901);
        assertThat(thrown.body()).isEqualTo(JSON.readTree("{\"errorCode\":\"com.liveperson.faas.handler.custom-failure\",\"errorMsg\":\"Error: nope\"}"));
        assertThat(typeError.status()).isEqualTo(901);
        assertThat(typeError.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.handler.runtime-exception");
        assertThat(timeout.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.handler.executiontime-exceeded");
    }

    @Test
    void aMissingAndAnUndeployedFunctionAreTheirOwnErrors() throws Exception {
        Reply missing = post(lambda("acme", "nothing"), "acme-key", BODY);
        Reply undeployed = post(lambda("acme", "draft-fn"), "acme-key", BODY);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.missinglambda");
        assertThat(undeployed.status()).isEqualTo(409);
        assertThat(undeployed.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.notdeployed");
    }

    @Test
    void badInputIsNamedInLivePersonsShape() throws Exception {
        Reply notJson = post(lambda("acme", LAMBDA), "acme-key", "{\"payload\": ");
        Reply badHeaders = post(lambda("acme", LAMBDA), "acme-key", "{\"headers\": {\"a\": \"b\"}, \"payload\": {}}");
        Reply unknown = post(lambda("acme", LAMBDA), "acme-key", "{\"payload\": {}, \"extra\": 1}");
        Reply version = post("/api/account/acme/lambdas/" + LAMBDA + "/invoke?v=2", "acme-key", BODY);
        Reply tooLarge = post(lambda("acme", LAMBDA), "acme-key", "{\"payload\": \"" + "x".repeat(2000) + "\"}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.badinput");
        assertThat(badHeaders.body().get("errorMsg").asText()).startsWith("/headers:");
        assertThat(unknown.body().get("errorMsg").asText()).startsWith("/extra:");
        assertThat(version.status()).isEqualTo(400);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().has("errorCode")).isTrue();
    }

    @Test
    void withoutAValidKeyItIs401AndAnotherAccountsFunctionsDoNotExist() throws Exception {
        nextOutcome.set(outcome(Outcome.OK, "1", null, null));

        Reply noKey = post(lambda("acme", LAMBDA), null, BODY);
        Reply wrongKey = post(lambda("acme", LAMBDA), "bogus", BODY);
        Reply otherAccount = post(lambda("acme", LAMBDA), "globex-key", BODY);

        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body().get("errorCode").asText()).isEqualTo("com.switchboard.gateway.unauthorized");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(otherAccount.status()).isEqualTo(404);
        assertThat(otherAccount.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.missinglambda");
    }

    @Test
    void aFullConcurrencyLimitIs429WithRetryAfter() throws Exception {
        Reply full = post(lambda("acme", "capacity"), "acme-key", BODY);

        assertThat(full.status()).isEqualTo(429);
        assertThat(full.response().headers().firstValue("Retry-After")).hasValue("2");
        assertThat(full.body().get("errorCode").asText()).isEqualTo("com.switchboard.gateway.capacity-exceeded");
    }

    @Test
    void aCallerWhoseFunctionCannotBeStoppedIsAnsweredWhileTheRequestThreadStaysWithTheRun() throws Exception {
        Reply rescued = post(lambda("acme", "stuck"), "acme-key", BODY);

        assertThat(stuckReleased.getCount()).as("answered while the request's thread is still in the run").isEqualTo(1);
        assertThat(rescued.status()).isEqualTo(901);
        assertThat(rescued.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.handler.executiontime-exceeded");
        assertThat(rescued.body().get("errorMsg").asText()).isEqualTo("could not be stopped");

        stuckReleased.countDown();
        nextOutcome.set(outcome(Outcome.OK, "{\"ok\":true}", null, null));
        Reply next = post(lambda("acme", LAMBDA), "acme-key", BODY);
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aRefusalWithRetryAfterIsHeldForTheDelayWhileOtherAnswersGoAtOnce() throws Exception {
        servlet.modified(config(1024, 2_000, 1));
        nextOutcome.set(outcome(Outcome.OK, "{\"ok\":true}", null, null));

        long started = System.nanoTime();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + lambda("acme", "capacity")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer acme-key")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
        // While the first refusal waits: an answer without Retry-After goes at once, and so does a second refusal
        // (maxHeldRefusals=1). The first is held by then unless it was answered before either was even sent.
        Reply ok = post(lambda("acme", LAMBDA), "acme-key", BODY);
        Reply second = post(lambda("acme", "capacity"), "acme-key", BODY);
        assertThat(held).as("the first refusal is still held").isNotDone();
        HttpResponse<String> first = held.get(30, java.util.concurrent.TimeUnit.SECONDS);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ok.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.response().headers().firstValue("Retry-After")).hasValue("2");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(JSON.readTree(first.body()).get("errorCode").asText()).isEqualTo("com.switchboard.gateway.capacity-exceeded");
        assertThat(firstMillis).as("held for refusalDelayMillis").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void anEventInvocationAnswersTheCombinedResultSynchronouslyForTheQuerysSkill() throws Exception {
        nextResult.set(new DispatchResult("e-1", InvocationMode.SYNC, List.of(), ResultDelivery.COMMANDS,
                "{\"commands\":[],\"useDefaultAutoMessage\":true}", null));

        Reply reply = post("/api/account/acme/events/" + END + "/invoke?v=1&skillId=42&externalSystem=unknown", "acme-key", BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(JSON.readTree("{\"commands\":[],\"useDefaultAutoMessage\":true}"));
        assertThat(dispatched.get().skillId()).isEqualTo("42");
        assertThat(dispatched.get().mode()).isEqualTo(InvocationMode.SYNC);
        assertThat(dispatched.get().eventTypeId()).isEqualTo(END);
    }

    @Test
    void anEventRefusedForNowIs503WithTheRetryAfterTheCoreNamed() throws Exception {
        FunctionOutcome refused = outcome(Outcome.REJECTED, null, "com.switchboard.dispatch.quarantined", "quarantined");
        nextResult.set(new DispatchResult("e-3", InvocationMode.SYNC, List.of(refused), ResultDelivery.COMMANDS, null, refused,
                java.time.Duration.ofSeconds(9)));

        Reply reply = post("/api/account/acme/events/" + END + "/invoke", "acme-key", BODY);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.unavailable");
        assertThat(reply.response().headers().firstValue("Retry-After")).hasValue("9");
    }

    @Test
    void anEventWhoseFunctionFailedIs901AndCommandsAndBotsAreInvokedByFunction() throws Exception {
        FunctionOutcome failed = outcome(Outcome.ERROR, null, "com.switchboard.function.invalid-result", "/0/type: not a command");
        nextResult.set(new DispatchResult("e-2", InvocationMode.SYNC, List.of(failed), ResultDelivery.COMMANDS, null, failed));

        Reply failure = post("/api/account/acme/events/" + END + "/invoke", "acme-key", BODY);
        Reply command = post("/api/account/acme/events/" + COMMAND + "/invoke", "acme-key", BODY);
        Reply oldId = post("/api/account/acme/events/messaging_conversation_end/invoke", "acme-key", BODY);

        assertThat(failure.status()).isEqualTo(901);
        assertThat(failure.body().get("errorMsg").asText()).contains("invalid-result");
        assertThat(failure.response().headers().firstValue("Retry-After")).as("no time named, none sent").isEmpty();
        assertThat(command.status()).isEqualTo(400);
        assertThat(command.body().get("errorCode").asText()).isEqualTo("com.liveperson.faas.es.badinput");
        assertThat(oldId.status()).isEqualTo(404);
        assertThat(oldId.body().get("errorMsg").asText()).contains("renamed to '" + END + "'");
    }

    @Test
    void isImplementedAnswersTheFieldLivePersonsClientsRead() throws Exception {
        assertThat(get("/api/account/acme/events/" + END + "/isImplemented?v=1&skillId=42&externalSystem=Unknown", "acme-key").body())
                .isEqualTo(JSON.readTree("{\"implemented\":true}"));
        assertThat(get("/api/account/acme/events/" + END + "/isImplemented?skillId=7", "acme-key").body())
                .isEqualTo(JSON.readTree("{\"implemented\":false}"));
        assertThat(get("/api/account/acme/events/nope/isImplemented", "acme-key").status()).isEqualTo(404);
        assertThat(post("/api/account/acme/events/" + END + "/isImplemented", "acme-key", BODY).status()).isEqualTo(405);
        assertThat(get("/api/account/acme/functions", "acme-key").status()).isEqualTo(404);
    }
}
