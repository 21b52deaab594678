package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V2's CsdsClient and LPMtlsClient, written as LivePerson's V2 code writes them, against local stubs of LivePerson's
 * discovery, its authorization server (sentinel) and its mTLS gateway.
 */
class LpV2ClientsTest {
    private static final String ACCOUNT = "le2";
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final AtomicInteger TOKEN_CALLS = new AtomicInteger();
    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AccountSettings> SETTINGS = new ConcurrentHashMap<>();
    private static final MapStores.Secrets SECRETS = new MapStores.Secrets();
    private static HttpServer server;
    private static String base;
    private static ExecutorHarness harness;
    private static CsdsClientModule csds;
    private static LpMtlsClientModule lpMtls;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        String domain = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/api/account/" + ACCOUNT + "/service/baseURI.json", exchange -> answer(exchange, 200, Map.of(),
                "{\"baseURIs\":[{\"service\":\"msgHist\",\"account\":\"le2\",\"baseURI\":\"va.msghist.liveperson.net\"},"
                        + "{\"service\":\"sentinel\",\"account\":\"le2\",\"baseURI\":\"" + domain + "\"},"
                        + "{\"service\":\"mtlsGateway\",\"account\":\"le2\",\"baseURI\":\"" + domain + "\"}]}"));
        server.createContext("/sentinel/api/v2/account/" + ACCOUNT + "/app/token", exchange -> {
            TOKEN_CALLS.incrementAndGet();
            RECEIVED.put("token.query", String.valueOf(exchange.getRequestURI().getRawQuery()));
            RECEIVED.put("token.form", URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            answer(exchange, 200, Map.of(), "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}");
        });
        server.createContext("/mtls/account/" + ACCOUNT, exchange -> {
            String target = exchange.getRequestHeaders().getFirst("LP-forward-url");
            RECEIVED.put("gateway.method", exchange.getRequestMethod());
            RECEIVED.put("gateway.authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            RECEIVED.put("gateway.override", String.valueOf(exchange.getRequestHeaders().getFirst("LP-authorization-override")));
            RECEIVED.put("gateway.service", String.valueOf(exchange.getRequestHeaders().getFirst("LP-service-name")));
            RECEIVED.put("gateway.stop", String.valueOf(exchange.getRequestHeaders().getFirst("LP-stop-if-certificate-not-found")));
            RECEIVED.put("gateway.body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (target.contains("unmapped")) {
                answer(exchange, 400, Map.of(), "{}");
            } else if (target.contains("failing")) {
                answer(exchange, 502, Map.of("lp-message-from-transport", "upstream refused the certificate"), "upstream body");
            } else {
                answer(exchange, 201, Map.of("x-target", target), "{\"created\":true}");
            }
        });
        server.start();

        AccountOutbound outbound = new AccountOutbound();
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
        HttpClientModule.Config config = TestConfigs.of(HttpClientModule.Config.class, Map.of());
        EgressPolicyImpl loopback = EgressPolicyImpl.admitting("127.0.0.0/8");
        csds = new CsdsClientModule(config, loopback, outbound, Clock.systemUTC());
        lpMtls = new LpMtlsClientModule(config, loopback, outbound, Clock.systemUTC());
        lpMtls.secrets = SECRETS;
        harness = new ExecutorHarness(Map.of()).with("CsdsClient", csds).with("LPMtlsClient", lpMtls);
    }

    @AfterAll
    static void stop() {
        harness.close();
        csds.deactivate();
        lpMtls.deactivate();
        server.stop(0);
    }

    @BeforeEach
    void accountWithDiscovery() {
        SETTINGS.put(ACCOUNT, new AccountSettings(List.of(), base, 20));
        SECRETS.json.put(ACCOUNT + "/lp-faas-default-app-key", "{\"client_id\":\"app-1\",\"client_secret\":\"s3cret\"}");
    }

    @Test
    void csdsClientResolvesOneServiceAllOfThemAndRejectsAnUnknownOneWithItsCode() {
        assertThat(ok("""
                import { Toolbelt, ErrorCodes } from "core-functions-toolbelt";
                const csdsClient = Toolbelt.CsdsClient();
                export async function lambda(input) {
                  const domain = await csdsClient.get('msgHist');
                  const all = await csdsClient.getAll();
                  let missing;
                  try { await csdsClient.get('noSuchService'); } catch (e) { missing = [e.code === ErrorCodes.Csds.NOT_FOUND, e.message]; }
                  return { domain, services: all.map((entry) => entry.service + '@' + entry.account), missing };
                }"""))
                .startsWith("{\"domain\":\"va.msghist.liveperson.net\",\"services\":[\"msgHist@le2\",\"sentinel@le2\",\"mtlsGateway@le2\"],"
                        + "\"missing\":[true,\"")
                .contains("names no domain for service 'noSuchService'");
    }

    @Test
    void lpMtlsClientSendsThroughTheGatewayWithTheAppsTokenAndKeepsTheFunctionsAuthorization() {
        // Credentials of their own, so no other test has a token for them yet.
        SECRETS.json.put(ACCOUNT + "/lp-faas-default-app-key", "{\"client_id\":\"app-2\",\"client_secret\":\"s3cret\"}");
        TOKEN_CALLS.set(0);
        String result = ok("""
                import { Toolbelt } from "core-functions-toolbelt";
                const lpMtlsClient = Toolbelt.LPMtlsClient();
                export async function lambda(input) {
                  const created = await lpMtlsClient.post('https://partner.example/orders', { Authorization: 'Basic cGFydG5lcg==' },
                    { orderId: 42 }, { json: true, timeout: 5000 });
                  const again = await lpMtlsClient.get('https://partner.example/orders/42');
                  return { status: created.statusCode, body: created.body, target: created.headers['x-target'], raw: again.body };
                }""");
        assertThat(result).isEqualTo("{\"status\":201,\"body\":{\"created\":true},\"target\":\"https://partner.example/orders\","
                + "\"raw\":\"{\\\"created\\\":true}\"}");
        assertThat(TOKEN_CALLS).as("the token is kept until it expires").hasValue(1);
        assertThat(RECEIVED.get("token.query")).isEqualTo("v=2.0");
        assertThat(RECEIVED.get("token.form")).isEqualTo("client_id=app-2&client_secret=s3cret&grant_type=client_credentials");
        assertThat(RECEIVED.get("gateway.method")).isEqualTo("GET");
        assertThat(RECEIVED.get("gateway.authorization")).isEqualTo("Bearer at-1");
        assertThat(RECEIVED.get("gateway.service")).isEqualTo("FAAS");
        assertThat(RECEIVED.get("gateway.stop")).isEqualTo("true");
    }

    @Test
    void theFunctionsOwnAuthorizationTravelsAsTheOverrideAndAJsonBodyAsJson() {
        ok("""
                import { Toolbelt } from "core-functions-toolbelt";
                export async function lambda() {
                  return (await Toolbelt.LPMtlsClient().post('https://partner.example/orders', { Authorization: 'Basic cGFydG5lcg==' },
                    { orderId: 42 }, { json: true })).statusCode;
                }""");
        assertThat(RECEIVED.get("gateway.override")).isEqualTo("Basic cGFydG5lcg==");
        assertThat(RECEIVED.get("gateway.authorization")).isEqualTo("Bearer at-1");
        assertThat(RECEIVED.get("gateway.body")).isEqualTo("{\"orderId\":42}");
    }

    @Test
    void gatewayFailuresRejectWithLivePersonsCodes() {
        assertThat(ok("""
                const { Toolbelt, ErrorCodes } = require('core-functions-toolbelt');
                async function lambda() {
                  const client = Toolbelt.LPMtlsClient();
                  const codes = [];
                  for (const url of ['https://unmapped.example/', 'https://failing.example/']) {
                    try { await client.get(url); codes.push('answered'); } catch (e) { codes.push(e.code, e.name); }
                  }
                  try { await client.post('https://partner.example/', {}, { not: 'text' }); } catch (e) { codes.push(e.code === ErrorCodes.Mtls.BAD_REQUEST); }
                  return codes;
                }""")).isEqualTo("[\"MTLS_MISSING_CONFIGURATION\",\"LPMtlsError\",\"MTLS_REMOTE\",\"LPMtlsError\",true]");
    }

    @Test
    void missingCredentialsAndAMissingDiscoveryUrlAreNamed() {
        SECRETS.json.put(ACCOUNT + "/lp-faas-default-app-key", "{\"consumerKey\":\"oauth1-only\"}");
        assertThat(ok("""
                const { Toolbelt } = require('core-functions-toolbelt');
                async function lambda() {
                  try { await Toolbelt.LPMtlsClient().get('https://partner.example/'); } catch (e) { return [e.code, e.message]; }
                }""")).startsWith("[\"MTLS_CREDENTIALS\",\"Credentials have Invalid Format");
        SETTINGS.remove(ACCOUNT);
        ExecutionResult result = run("""
                const { Toolbelt } = require('core-functions-toolbelt');
                async function lambda() { return Toolbelt.CsdsClient().get('msgHist'); }""");
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("CsdsClient needs", "lpDiscoveryBaseUrl", "PUT /api/v1/accounts/le2/settings");
    }

    private static String ok(String code) {
        ExecutionResult result = run(code);
        assertThat(result.outcome()).as("%s %s", result.error(), result.logs()).isEqualTo(Outcome.OK);
        return result.resultJson();
    }

    private static ExecutionResult run(String code) {
        int id = IDS.incrementAndGet();
        return harness.executor().execute(new ExecutionRequest("inv-" + id, ACCOUNT, "fn-" + id, "fn-" + id + "@1", code,
                "{\"payload\":{},\"headers\":[]}", Map.of(), List.of(), Duration.ofSeconds(20)));
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
