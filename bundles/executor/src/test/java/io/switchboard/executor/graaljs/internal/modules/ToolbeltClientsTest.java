package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionCalls;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LivePerson's toolbelt, written as LivePerson's docs write it, against local stubs of the services it talks to. */
class ToolbeltClientsTest {
    private static final String ACCOUNT = "le1";
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AccountSettings> SETTINGS = new ConcurrentHashMap<>();
    private static final List<FunctionCall> CALLS = new CopyOnWriteArrayList<>();
    private static final AtomicLong NANOS = new AtomicLong();
    private static final MutableClock CLOCK = new MutableClock();
    private static final MapStores.Secrets SECRETS = new MapStores.Secrets();
    private static HttpServer server;
    private static String base;
    private static ExecutorHarness harness;
    private static HttpClientModule http;
    private static LpClientModule lp;
    private static OrchestratorClientModule orchestrator;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        String domain = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/api/account/" + ACCOUNT + "/service/baseURI.json", exchange -> answer(exchange, 200,
                "{\"baseURIs\":[{\"service\":\"msgHist\",\"account\":\"le1\",\"baseURI\":\"" + domain + "\"},"
                        + "{\"service\":\"smt\",\"account\":\"le1\",\"baseURI\":\"" + domain + "\"},"
                        + "{\"service\":\"swift\",\"account\":\"le1\",\"baseURI\":\"" + domain + "\"}]}"));
        server.createContext("/messaging_history/", exchange -> {
            record(exchange, "msgHist");
            answer(exchange, 200, """
                    {"conversationHistoryRecords":[{"info":{"conversationId":"c-1"},
                     "messageRecords":[
                       {"type":"TEXT_PLAIN","messageData":{"msg":{"text":"Will we use Keywords here?"}},"timeL":1560764690328,"sentBy":"Consumer"},
                       {"type":"TEXT_PLAIN","messageData":{"msg":{"text":"Keywords are awesome"}},"timeL":1560764734592,"sentBy":"Agent"},
                       {"type":"HOSTED_FILE","messageData":{"file":{"relativePath":"/le1/pic.png"}},"timeL":1560764734599,"sentBy":"Consumer"},
                       {"type":"HOSTED_FILE","messageData":{"file":{"relativePath":"/v1/AUTH_async-images/le1/9a83_uuid_5fe9.JPG","fileType":"JPG"}},"timeL":1560764734600,"sentBy":"Consumer"}],
                     "sdes":{"events":[{"serverTimeStamp":"1569572377270","sdeType":"PERSONAL_INFO"},{"serverTimeStamp":"1569572377158","sdeType":"CUSTOMER_INFO"}]},
                     "unAuthSdes":{"events":[]}}]}""");
        });
        server.createContext("/api/account/" + ACCOUNT + "/monitoring/", exchange -> {
            record(exchange, "smt");
            answer(exchange, 200, "{}");
        });
        server.createContext("/v1/AUTH_async-images/", exchange -> {
            RECEIVED.merge("swift.path", exchange.getRequestURI().getPath(), (first, next) -> first + " " + next);
            RECEIVED.put("swift.auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            RECEIVED.put("swift.bytes", Integer.toString(exchange.getRequestBody().readAllBytes().length));
            answer(exchange, 201, "");
        });
        server.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
        });
        server.createContext("/ok", exchange -> answer(exchange, 200, "fine"));
        server.start();

        AccountOutbound outbound = new AccountOutbound(NANOS::get);
        outbound.settings = new AccountSettingsService() {
            @Override
            public AccountSettings get(String account) {
                return SETTINGS.getOrDefault(account, AccountSettings.DEFAULTS);
            }

            @Override
            public AccountSettings put(String account, AccountSettings settings) {
                SETTINGS.put(account, settings);
                return settings;
            }
        };
        HttpClientModule.Config httpConfig = TestConfigs.of(HttpClientModule.Config.class, Map.of());
        EgressPolicyImpl loopback = EgressPolicyImpl.admitting("127.0.0.0/8");
        http = new HttpClientModule(httpConfig, loopback, new org.eclipse.jetty.util.ssl.SslContextFactory.Client(), outbound);
        lp = new LpClientModule(httpConfig, loopback, outbound, Clock.systemUTC());
        lp.secrets = SECRETS;
        orchestrator = new OrchestratorClientModule(TestConfigs.of(OrchestratorClientModule.Config.class, Map.of()));
        orchestrator.calls = ToolbeltClientsTest::call;
        SecretClientModule secrets = new SecretClientModule();
        secrets.store = SECRETS;
        ContextClientModule context = new ContextClientModule(CLOCK);
        context.store = new MapStores.Context();
        harness = new ExecutorHarness(Map.of())
                .with("HTTPClient", http).with("SecretClient", secrets).with("ContextServiceClient", context)
                .with("OrchestratorClient", orchestrator).with("LpClient", lp).with("ConversationUtil", new ConversationUtilModule())
                .with("SDEUtil", new SdeUtilModule()).with("GDPRUtil", new GdprUtilModule()).with("SFClient", new SfClientModule());
    }

    @AfterAll
    static void stop() {
        harness.close();
        http.deactivate();
        lp.deactivate();
        orchestrator.deactivate();
        server.stop(0);
    }

    @Test
    void theEnumsAreExportedUnderBothToolbeltNamesAndAsEsImports() {
        assertThat(ok("""
                const { Toolbelt, LpServices, ConversationContentTypes, SDETypes, ErrorStrategy, SecretError, ErrorCodes } = require('lp-faas-toolbelt');
                function lambda(input, callback) {
                  callback(null, [LpServices.MSG_HIST, ConversationContentTypes.UNAUTH_SDES, SDETypes.PERSONAL_INFO,
                    ErrorStrategy.CONTINUE_ON_ERROR, typeof SecretError, ErrorCodes.Secret.NOT_FOUND, typeof Toolbelt.LpClient]);
                }""")).isEqualTo("[\"msgHist\",\"unAuthSdes\",\"personal\",\"CONTINUE_ON_ERROR\",\"function\",\"SECRET_NOT_FOUND\",\"function\"]");
        assertThat(ok("""
                import { Toolbelt, LpServices } from "core-functions-toolbelt";
                export async function lambda() { return [LpServices.SMT, typeof Toolbelt.OrchestratorClient]; }"""))
                .isEqualTo("[\"smt\",\"function\"]");
    }

    @Test
    void secretsHoldAnyJsonValueAndUpdatingAnUnknownKeyIsASecretError() {
        SECRETS.json.put(ACCOUNT + "/token", "{\"access\":\"a-1\",\"expires\":3600}");
        assertThat(ok("""
                const { Toolbelt, SecretError } = require('lp-faas-toolbelt');
                const secretClient = Toolbelt.SecretClient();
                async function lambda(input, callback) {
                  const mySecret = await secretClient.readSecret('token');
                  mySecret.value = [mySecret.value.access, 2];
                  const updated = await secretClient.updateSecret(mySecret);
                  let refused;
                  try { await secretClient.updateSecret({ key: 'never-created', value: 'x' }); }
                  catch (e) { refused = [e instanceof SecretError, e.name, e.code]; }
                  callback(null, { updated, refused });
                }""")).isEqualTo("{\"updated\":{\"key\":\"token\",\"value\":[\"a-1\",2]},\"refused\":[true,\"SecretError\",\"SECRET_NOT_FOUND\"]}");
        assertThat(SECRETS.json).containsEntry(ACCOUNT + "/token", "[\"a-1\",2]").doesNotContainKey(ACCOUNT + "/never-created");
    }

    @Test
    void theContextClientHasNamespacesSessionsAndTtlAsLivePersons() {
        String code = """
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda(input) {
                  const client = Toolbelt.ContextServiceClient({ accountId: process.env.BRAND_ID, apiKey: 'unused' });
                  if (input.payload.step === 'write') {
                    await client.createNamespace('orders', { ttl: 60 });
                    await client.setPropertiesInNamespace('orders', { cart: { items: 2 }, step: 'pay' }, 'session-1');
                    await client.updatePropertiesInNamespace('orders', { step: 'ship' }, 'session-1');
                    await client.setPropertiesInNamespace('orders', { visits: 1 });
                    return [await client.getListOfNamespaces(), await client.getListOfSessions('orders'),
                      await client.getAllPropertiesInSession('orders', 'session-1'),
                      await client.getSelectedPropertiesInSession('orders', ['cart', 'missing'], 'session-1'),
                      await client.getPropertyInSession('orders', 'visits')];
                  }
                  await client.deletePropertyInSession('orders', 'visits');
                  return [await client.getAllPropertiesInSession('orders', 'session-1'), await client.getListOfSessions('orders')];
                }""";
        assertThat(ok(code, "{\"step\":\"write\"}")).isEqualTo("[[\"orders\"],[\"__default__\",\"session-1\"],"
                + "{\"cart\":{\"items\":2},\"step\":\"ship\"},{\"cart\":{\"items\":2}},1]");
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(ok(code, "{\"step\":\"read\"}")).isEqualTo("[{},[]]");
    }

    @Test
    void theHttpClientAnswers429PastTheAccountsRateAndFollowsRedirectsAsRequestPromise() {
        SETTINGS.put(ACCOUNT, new AccountSettings(List.of("127.0.0.1"), "", 2));
        try {
            assertThat(ok("""
                    const { Toolbelt } = require('lp-faas-toolbelt');
                    const httpClient = Toolbelt.HTTPClient();
                    async function lambda(input) {
                      const statuses = [];
                      for (let i = 0; i < 3; i++) {
                        const response = await httpClient('%s/ok', { simple: false, resolveWithFullResponse: true });
                        statuses.push(response.statusCode);
                      }
                      return statuses;
                    }""".formatted(base))).isEqualTo("[200,200,429]");
            NANOS.addAndGet(Duration.ofSeconds(1).toNanos());
            // The account's allowedDomains admit 127.0.0.1 for a function with none of its own.
            assertThat(ok("""
                    const { Toolbelt } = require('lp-faas-toolbelt');
                    async function lambda() {
                      const followed = await Toolbelt.HTTPClient()('%1$s/hop');
                      const kept = await Toolbelt.HTTPClient()('%1$s/hop', { followRedirect: false, simple: false, resolveWithFullResponse: true });
                      return [followed, kept.statusCode];
                    }""".formatted(base))).isEqualTo("[\"fine\",302]");
        } finally {
            SETTINGS.remove(ACCOUNT);
            NANOS.addAndGet(Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    void theOrchestratorInvokesFunctionsOfTheAccountThroughFunctionCalls() {
        CALLS.clear();
        String result = ok("""
                const { Toolbelt, ErrorStrategy } = require('lp-faas-toolbelt');
                const client = Toolbelt.OrchestratorClient();
                async function lambda() {
                  const responses = await client.invoke([
                      { uuid: 'fn-ok', payload: { n: 1 }, headers: { 'x-trace': 't-1' } },
                      { uuid: 'fn-elsewhere', payload: {} },
                      { uuid: 'fn-fails', payload: {}, retries: 0 },
                    ], 25000, { errorStrategy: ErrorStrategy.CONTINUE_ON_ERROR, invokeParallel: true });
                  let stopped;
                  try { await client.invoke([{ uuid: 'fn-fails', payload: {}, retries: 0 }, { uuid: 'fn-ok', payload: {} }], 5000); }
                  catch (e) { stopped = [e.response.statusCode, e.responses.length]; }
                  return { responses: responses.map((r) => [r.uuid, r.statusCode, r.body, r.error && r.error.errorCode]), stopped };
                }""", "{}", 1);
        assertThat(result).isEqualTo("{\"responses\":[[\"fn-ok\",200,{\"echo\":{\"n\":1}},null],"
                + "[\"fn-elsewhere\",404,null,\"com.switchboard.function.not-found\"],"
                + "[\"fn-fails\",901,null,\"com.switchboard.function.failed\"]],\"stopped\":[901,1]}");
        FunctionCall first = CALLS.stream().filter(call -> call.functionRef().equals("fn-ok")).findFirst().orElseThrow();
        assertThat(first.account()).isEqualTo(ACCOUNT);
        assertThat(first.callerDepth()).isEqualTo(1);
        assertThat(first.headers()).extracting(h -> h.key() + "=" + h.value()).containsExactly("x-trace=t-1");
        assertThat(first.deadline()).isBefore(Instant.now().plusSeconds(26));
        assertThat(CALLS).hasSize(4);
    }

    @Test
    void aCalledFunctionContinuesTheCallersTraceUnlessTheCallGivesItsOwn() {
        CALLS.clear();
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        ExecutionResult result = run("""
                const { Toolbelt } = require('lp-faas-toolbelt');
                const client = Toolbelt.OrchestratorClient();
                async function lambda() {
                  await client.invoke([{ uuid: 'fn-ok', payload: { n: 1 } }], 25000);
                  await client.invoke([{ uuid: 'fn-ok', payload: { n: 2 }, headers: { Traceparent: 'own' } }], 25000);
                  return 'done';
                }""", "{}", 0, caller);
        assertThat(result.outcome()).as("%s", result.error()).isEqualTo(Outcome.OK);
        assertThat(CALLS).extracting(call -> call.headers().stream().map(h -> h.key() + "=" + h.value()).toList())
                .containsExactly(List.of("traceparent=" + caller), List.of("Traceparent=own"));
    }

    @Test
    void lpClientAndTheUtilitiesDiscoverTheServiceAndSignWithTheAppKey() {
        SETTINGS.put(ACCOUNT, new AccountSettings(List.of(), base, 20));
        SECRETS.json.put(ACCOUNT + "/lp-faas-default-app-key",
                "{\"consumerKey\":\"ck\",\"consumerSecret\":\"cs\",\"token\":\"tk\",\"tokenSecret\":\"ts\"}");
        try {
            String result = ok("""
                    const { Toolbelt, ConversationContentTypes, SDETypes } = require('lp-faas-toolbelt');
                    const conversationUtil = Toolbelt.ConversationUtil();
                    const sdeUtil = Toolbelt.SDEUtil();
                    const gdprUtil = Toolbelt.GDPRUtil();
                    async function lambda(input, callback) {
                      const conversation = await conversationUtil.getConversationById('c-1',
                          [ConversationContentTypes.SDES, ConversationContentTypes.MESSAGE_RECORDS]);
                      const hits = conversationUtil.scanConversationForKeywords(conversation, ['keyword', 'awesome']);
                      const sdes = sdeUtil.getSDEsFromConv(conversation);
                      await sdeUtil.addSDEs([{ type: SDETypes.PERSONAL_INFO, personal: { contacts: [{ email: 'a@b.c' }] } }], 'visitor-1', 'session-1');
                      const replaced = await gdprUtil.replaceConversationFiles(conversation, { username: 'u', password: 'p' });
                      callback(null, { hits: hits.map((h) => [h.sentBy, h.tag]), order: sdes.sdes.events.map((e) => e.sdeType),
                        unAuth: sdes.unAuthSdes.events.length, replaced });
                    }""");
            assertThat(result).isEqualTo("{\"hits\":[[\"Consumer\",\"keywordRef:keyword\"],[\"Agent\",\"keywordRef:keyword\"],"
                    + "[\"Agent\",\"keywordRef:awesome\"]],\"order\":[\"CUSTOMER_INFO\",\"PERSONAL_INFO\"],\"unAuth\":0,"
                    + "\"replaced\":[\"/le1/pic.png\",\"/v1/AUTH_async-images/le1/9a83_uuid_5fe9.JPG\"]}");
            assertThat(RECEIVED.get("msgHist.body")).isEqualTo("{\"conversationId\":\"c-1\",\"contentToRetrieve\":[\"sdes\",\"messageRecords\"]}");
            assertThat(RECEIVED.get("msgHist.auth")).startsWith("OAuth ").contains("oauth_consumer_key=\"ck\"", "oauth_token=\"tk\"",
                    "oauth_signature_method=\"HMAC-SHA1\"", "oauth_signature=\"");
            assertThat(RECEIVED.get("smt.query")).isEqualTo("v=1&sid=session-1");
            assertThat(RECEIVED.get("smt.body")).contains("\"type\":\"personal\"");
            // LivePerson's own relativePath is the storage path; another path is relative to the account's container.
            assertThat(RECEIVED.get("swift.path")).isEqualTo("/v1/AUTH_async-images/le1/le1/pic.png /v1/AUTH_async-images/le1/9a83_uuid_5fe9.JPG");
            assertThat(RECEIVED.get("swift.auth")).isEqualTo("Basic dTpw");
            assertThat(RECEIVED.get("swift.bytes")).isEqualTo("68");
        } finally {
            SETTINGS.remove(ACCOUNT);
        }
    }

    @Test
    void lpClientWithoutADiscoveryUrlSaysWhichSettingIsMissing() {
        ExecutionResult result = run("""
                const { Toolbelt, LpServices } = require('lp-faas-toolbelt');
                async function lambda() { return Toolbelt.LpClient()(LpServices.MSG_HIST, '/x', { json: true }); }""", "{}", 0);
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("lpDiscoveryBaseUrl", "PUT /api/v1/accounts/le1/settings");
    }

    @Test
    void sfClientFailsNamingTheAlternative() {
        ExecutionResult result = run("""
                const { Toolbelt } = require('lp-faas-toolbelt');
                function lambda(input, callback) { Toolbelt.SFClient().connectToSalesforce({}); callback(null, 1); }""", "{}", 0);
        assertThat(result.error().errorMsg()).contains("not offered", "jsforce", "HTTPClient");
    }

    private static FunctionOutcome call(FunctionCall call) {
        CALLS.add(call);
        return switch (call.functionRef()) {
            case "fn-ok" -> new FunctionOutcome("i", "fn-ok", "ok", 1, Outcome.OK, "{\"echo\":" + call.payloadJson() + "}", null, List.of());
            case "fn-fails" -> new FunctionOutcome("i", "fn-fails", "fails", 1, Outcome.ERROR, null,
                    new ExecutionError("com.switchboard.function.failed", "boom"), List.of());
            default -> throw new UnknownFunctionException("Account le1 has no deployed function " + call.functionRef());
        };
    }

    private static String ok(String code) {
        return ok(code, "{}");
    }

    private static String ok(String code, String payload) {
        return ok(code, payload, 0);
    }

    private static String ok(String code, String payload, int depth) {
        ExecutionResult result = run(code, payload, depth);
        assertThat(result.outcome()).as("%s %s", result.error(), result.logs()).isEqualTo(Outcome.OK);
        return result.resultJson();
    }

    private static ExecutionResult run(String code, String payload, int depth) {
        return run(code, payload, depth, null);
    }

    private static ExecutionResult run(String code, String payload, int depth, String traceParent) {
        int id = IDS.incrementAndGet();
        return harness.executor().execute(new ExecutionRequest("inv-" + id, ACCOUNT, "fn-" + id, "fn-" + id + "@1", code,
                "{\"payload\":" + payload + ",\"headers\":[]}", Map.of(), List.of(), Duration.ofSeconds(20), depth, traceParent));
    }

    private static void record(HttpExchange exchange, String service) throws IOException {
        RECEIVED.put(service + ".body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        RECEIVED.put(service + ".auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        RECEIVED.put(service + ".query", String.valueOf(exchange.getRequestURI().getRawQuery()));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** A clock the test moves forward (TTL expiry). */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
