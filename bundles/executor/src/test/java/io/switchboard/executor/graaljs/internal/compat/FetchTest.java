package io.switchboard.executor.graaljs.internal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import io.switchboard.executor.graaljs.internal.modules.HttpClientModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V2's fetch goes through the HTTPClient module: same allow-list, same limits, same call count. */
class FetchTest {
    private static HttpServer server;
    private static String base;
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"type\":\"" + exchange.getRequestHeaders().getFirst("Content-Type")
                    + "\",\"body\":" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        harness = new ExecutorHarness(Map.of("maxOutboundCalls", 2))
                .with("HTTPClient", new HttpClientModule(TestConfigs.of(HttpClientModule.Config.class, Map.of()),
                        EgressPolicyImpl.admitting("127.0.0.0/8")));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.stop(0);
    }

    @Test
    void fetchPostsJsonAndReadsTheResponse() {
        ExecutionResult result = harness.executor().execute(request("""
                export async function lambda(input) {
                  const response = await fetch(input.payload.url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ order: 7 }) });
                  return [response.status, response.ok, response.headers.get('content-type'), await response.json()];
                }""", base + "/echo", List.of("127.0.0.1")));

        assertThat(result.resultJson()).isEqualTo("[201,true,\"application/json\",{\"method\":\"POST\",\"type\":\"application/json\","
                + "\"body\":{\"order\":7}}]");
    }

    @Test
    void fetchRefusesHostsOutsideTheAllowListAndCountsAsAToolbeltCall() {
        ExecutionResult result = harness.executor().execute(request("""
                async function lambda(input) {
                  const outcomes = [];
                  for (let i = 0; i < 3; i++) {
                    try { await fetch(input.payload.url); outcomes.push('fetched'); } catch (e) { outcomes.push(e.name + ': ' + e.message); }
                  }
                  return outcomes;
                }""", base + "/echo", List.of("example.com")));

        assertThat(result.resultJson()).contains("TypeError: fetch failed: Domain 127.0.0.1 is not among the allowed domains")
                .contains("Too many toolbelt calls");
    }

    private static ExecutionRequest request(String code, String url, List<String> domains) {
        return new ExecutionRequest("inv-fetch", "acme", "fetcher", "fetcher@" + Integer.toHexString(code.hashCode()), code,
                "{\"payload\":{\"url\":\"" + url + "\"},\"headers\":[]}", Map.of(), domains, Duration.ofSeconds(10));
    }
}
