package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.Functions;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpClientModuleTest {
    private static final ExecutorService SERVER_THREADS = Executors.newCachedThreadPool();
    private static HttpServer server;
    private static String base;
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    private static HttpClientModule http;
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"query\":\"" + exchange.getRequestURI().getQuery()
                    + "\",\"sent\":" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).length()
                    + ",\"auth\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/trace", exchange -> {
            byte[] body = ("{\"traceparent\":\"" + exchange.getRequestHeaders().getFirst("traceparent") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[4096]);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://denied.example/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/orders?page=3");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hop-elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/orders");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                RELEASE_SLOW.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(SERVER_THREADS);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        // The stub listens on loopback, which functions reach only because this test admits it, as an operator may.
        http = new HttpClientModule(TestConfigs.of(HttpClientModule.Config.class,
                Map.of("maxResponseBytes", 1024, "requestTimeoutMillis", 2000L)), EgressPolicyImpl.admitting("127.0.0.0/8"));
        // 2 s: long enough for a first request on a loaded machine, short enough for the /slow test, whose server
        // holds the answer until the tests end.
        harness = new ExecutorHarness(Map.of("maxOutboundCalls", 3)).with("HTTPClient", http);
    }

    @AfterAll
    static void stop() {
        RELEASE_SLOW.countDown();
        harness.close();
        http.deactivate();
        server.stop(0);
        SERVER_THREADS.shutdownNow();
    }

    @Test
    void requestPromiseStyleCallReachesAnAllowedDomain() {
        ExecutionResult result = run("""
                const { HTTPClient } = require('lp-faas-toolbelt');
                async function lambda() {
                  const httpClient = HTTPClient();
                  const response = await httpClient('%s/orders', {
                    method: 'POST', headers: { Authorization: 'Bearer t' }, body: { id: 7 }, json: true,
                    qs: { page: 2 }, simple: false, resolveWithFullResponse: true });
                  return { status: response.statusCode, body: response.body, type: response.headers['content-type'] };
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("{\"status\":200,\"body\":{\"method\":\"POST\",\"query\":\"page=2\",\"sent\":8,"
                + "\"auth\":\"Bearer t\"},\"type\":\"application/json\"}");
    }

    @Test
    void fetchLikeCallReachesAnAllowedDomain() {
        ExecutionResult result = run("""
                async function lambda() {
                  const client = require('lp-faas-toolbelt').HTTPClient();
                  const response = await client.fetch('%s/orders', { method: 'PUT', body: 'abc' });
                  return [response.status, response.ok, (await response.json()).sent, response.headers.get('Content-Type')];
                }""".formatted(base), List.of("*.example.com", "127.0.0.1"));

        assertThat(result.resultJson()).isEqualTo("[200,true,3,\"application/json\"]");
    }

    @Test
    void domainOutsideTheAllowListIsRejected() {
        ExecutionResult result = run("""
                async function lambda() {
                  return await require('lp-faas-toolbelt').HTTPClient()('%s/orders');
                }""".formatted(base), List.of("api.example.com", "*.127.0.0.1"));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("Domain 127.0.0.1 is not among the allowed domains");
    }

    @Test
    void nonHttpUrlsAreRejected() {
        ExecutionResult result = run("""
                async function lambda() {
                  return await require('lp-faas-toolbelt').HTTPClient().fetch('file:///etc/passwd');
                }""", List.of("127.0.0.1"));

        assertThat(result.error().errorMsg()).contains("only absolute http and https URLs");
    }

    @Test
    void errorStatusRejectsUnlessSimpleIsFalse() {
        ExecutionResult result = run("""
                async function lambda() {
                  const client = require('lp-faas-toolbelt').HTTPClient();
                  const lenient = await client.get('%1$s/missing', { simple: false, resolveWithFullResponse: true });
                  try { await client.get('%1$s/missing'); } catch (e) { return [lenient.statusCode, e.statusCode, e.name]; }
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(result.resultJson()).isEqualTo("[404,404,\"StatusCodeError\"]");
    }

    @Test
    void redirectsAreNotFollowedWhenTheFunctionSaysSo() {
        ExecutionResult result = run("""
                async function lambda() {
                  const client = require('lp-faas-toolbelt').HTTPClient();
                  const response = await client.fetch('%1$s/redirect', { redirect: 'manual' });
                  const rp = await client('%1$s/redirect', { followRedirect: false, simple: false, resolveWithFullResponse: true });
                  const post = await client.post('%1$s/redirect', { simple: false, resolveWithFullResponse: true });
                  return [response.status, response.headers.get('location'), rp.statusCode, post.statusCode];
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(result.resultJson()).isEqualTo("[302,\"http://denied.example/\",302,302]");
    }

    @Test
    void redirectsAskedForAreFollowedHopByHopEachCheckedAgainstTheAllowList() {
        ExecutionResult followed = run("""
                async function lambda() {
                  const client = require('lp-faas-toolbelt').HTTPClient();
                  const response = await client.fetch('%1$s/hop', { method: 'POST', body: 'abc', redirect: 'follow',
                    headers: { Authorization: 'Bearer t' } });
                  const rp = await client({ uri: '%1$s/hop', json: true, followRedirect: true });
                  return [response.status, await response.json(), rp.query];
                }""".formatted(base), List.of("127.0.0.1"));
        ExecutionResult outside = run("""
                async function lambda() {
                  return await require('lp-faas-toolbelt').HTTPClient().fetch('%s/redirect', { redirect: 'follow' });
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(followed.resultJson()).as(String.valueOf(followed.error()))
                .isEqualTo("[200,{\"method\":\"GET\",\"query\":\"page=3\",\"sent\":0,\"auth\":\"Bearer t\"},\"page=3\"]");
        assertThat(outside.error().errorMsg()).contains("Domain denied.example is not among the allowed domains");
    }

    @Test
    void aRedirectToAnotherHostKeepsMethodAndBodyFor307ButNotTheCredentials() {
        ExecutionResult result = run("""
                async function lambda() {
                  const response = await require('lp-faas-toolbelt').HTTPClient().fetch('%s/hop-elsewhere',
                    { method: 'PUT', body: 'abcd', redirect: 'follow', headers: { Authorization: 'Bearer t' } });
                  return await response.json();
                }""".formatted(base), List.of("127.0.0.1", "localhost"));

        assertThat(result.resultJson()).as(String.valueOf(result.error()))
                .isEqualTo("{\"method\":\"PUT\",\"query\":\"null\",\"sent\":4,\"auth\":\"null\"}");
    }

    @Test
    void responseLargerThanTheLimitFailsTheRequest() {
        ExecutionResult result = run("""
                async function lambda() { return await require('lp-faas-toolbelt').HTTPClient()('%s/big'); }"""
                .formatted(base), List.of("127.0.0.1"));

        assertThat(result.error().errorMsg()).contains("larger than 1024 bytes");
    }

    @Test
    void slowServerTimesOutWhileTheEventLoopKeepsRunning() {
        ExecutionResult result = run("""
                async function lambda() {
                  let ticks = 0;
                  const ticker = () => { ticks++; if (ticks < 3) setTimeout(ticker, 10); };
                  setTimeout(ticker, 10);
                  try { await require('lp-faas-toolbelt').HTTPClient()('%s/slow'); } catch (e) { return [ticks, e.message]; }
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(result.resultJson()).isEqualTo("[3,\"The request to 127.0.0.1 timed out\"]");
    }

    @Test
    void outboundCallsAreBoundedPerInvocation() {
        ExecutionResult result = run("""
                async function lambda() {
                  const client = require('lp-faas-toolbelt').HTTPClient();
                  const outcomes = [];
                  for (let i = 0; i < 4; i++) {
                    try { await client('%s/orders'); outcomes.push('ok'); } catch (e) { outcomes.push(e.message); }
                  }
                  return outcomes;
                }""".formatted(base), List.of("127.0.0.1"));

        assertThat(result.resultJson())
                .isEqualTo("[\"ok\",\"ok\",\"ok\",\"Too many toolbelt calls: an invocation may make at most 3\"]");
    }

    @Test
    void toolbeltObjectsOfferNoWayToTheHost() {
        ExecutionResult result = run("""
                async function lambda() {
                  const toolbelt = require('lp-faas-toolbelt');
                  const client = toolbelt.HTTPClient();
                  const reach = (f) => { try { return typeof f(); } catch (e) { return 'blocked'; } };
                  return [
                    Object.isFrozen(toolbelt),
                    reach(() => toolbelt.HTTPClient.constructor('return Java')()),
                    reach(() => client.fetch.constructor.constructor('return Polyglot')()),
                    reach(() => Object.getPrototypeOf(client).constructor.constructor('return Packages')()),
                    reach(() => toolbelt.__proto__.constructor.constructor('return this')().host),
                  ];
                }""", List.of());

        // Each probe ends in a ReferenceError ("blocked") or finds nothing ("undefined"); never a host object.
        assertThat(result.resultJson()).matches("\\[true(,\"(undefined|blocked)\"){4}\\]");
    }

    @Test
    void anOutboundCallSendsTheRunsTraceContextUnlessTheFunctionSetsItsOwn() {
        String code = """
                const { HTTPClient } = require('lp-faas-toolbelt');
                async function lambda() {
                  const httpClient = HTTPClient();
                  const sent = await httpClient('%1$s/trace', { json: true });
                  const own = await httpClient('%1$s/trace', { json: true, headers: { TraceParent: 'set-by-the-function' } });
                  return { sent: sent.traceparent, own: own.traceparent };
                }""".formatted(base);
        io.switchboard.core.api.execution.ExecutionRequest plain = Functions.withDomains(code, List.of("127.0.0.1"));
        String runContext = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
        ExecutionResult result = harness.executor().execute(new io.switchboard.core.api.execution.ExecutionRequest(plain.invocationId(),
                plain.account(), plain.functionId(), plain.codeId(), plain.code(), plain.inputJson(), plain.env(), plain.allowedDomains(),
                plain.timeout(), 0, runContext));

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).contains("\"sent\":\"" + runContext + "\"").contains("\"own\":\"set-by-the-function\"");
    }

    private static ExecutionResult run(String code, List<String> domains) {
        return harness.executor().execute(Functions.withDomains(code, domains));
    }
}
