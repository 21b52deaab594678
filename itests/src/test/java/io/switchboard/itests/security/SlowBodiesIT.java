package io.switchboard.itests.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;

/**
 * Slow bodies (docs/security.md, "Ingress: webhooks, HTTP and headers"): a caller without a key is refused before its
 * body is read; a body that stalls or trickles is cut; and hundreds of connections trickling bodies, without a key or
 * with one tenant's key, to the webhooks and to the API leave the other tenant served as usual.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlowBodiesIT extends TwoTenantsTestSupport {

    /** What the issue measured: 260 connections froze every tenant. */
    private static final int ATTACKING_CONNECTIONS = 260;
    private static final long READ_TIMEOUT_MILLIS = 3_000;
    /** How long one of bob's calls may take while the attack runs (they take milliseconds without it). */
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(5);
    private static final Duration ATTACK_DURATION = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static volatile boolean configured;
    private long slowestMillis;

    @Before
    public void shortenTheBodyReadTimeout() throws Exception {
        if (!configured) {
            // A shorter read deadline than the default keeps the stalled-body test short; the rest runs on defaults.
            Configuration http = configurationAdmin.getConfiguration("io.switchboard.http", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("bodyReadTimeoutMillis", READ_TIMEOUT_MILLIS);
            http.update(properties);
            configured = true;
        }
        // ConfigAdmin hands the change to the component on its own thread: until the reader has it, bodies get the default
        // deadline (10 s), which the timings below would take for a broken one.
        await("the body reader applies bodyReadTimeoutMillis=" + READ_TIMEOUT_MILLIS, Duration.ofSeconds(30),
                this::readTimeoutApplied);
    }

    private boolean readTimeoutApplied() {
        try {
            return context.getServiceReferences("io.switchboard.http.api.RequestBodies",
                    "(bodyReadTimeoutMillis=" + READ_TIMEOUT_MILLIS + ")") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    public void aCallWithoutKeyIsRefusedBeforeItsBodyIsSent() throws Exception {
        for (String path : List.of(CONVERSATION_BUILDER, "/api/v1/accounts/alice/functions")) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
                socket.setSoTimeout(5_000);
                // The head promises a body that never comes: only an answer given before reading it arrives in time.
                String head = RawHttp.head("POST " + path + " HTTP/1.1", Map.of("Content-Type", "application/json"), 1_000);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));

                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());

                assertEquals(path + ": " + answer, 401, answer.status());
            }
        }
    }

    @Test
    public void aBodyThatStallsIsAnswered408OnceTheReadTimeoutPasses() throws Exception {
        for (String path : List.of(CONVERSATION_BUILDER, "/api/v1/accounts/alice/functions")) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
                socket.setSoTimeout((int) (READ_TIMEOUT_MILLIS + 10_000));
                String head = RawHttp.head("POST " + path + " HTTP/1.1",
                        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + ALICE_KEY), 1_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write("{\"name\":".getBytes(StandardCharsets.US_ASCII));
                long started = System.nanoTime();

                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());

                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(path + ": " + answer, 408, answer.status());
                assertTrue(path + " answered after " + tookMillis + " ms", tookMillis >= READ_TIMEOUT_MILLIS - 500
                        && tookMillis < READ_TIMEOUT_MILLIS + 5_000);
                assertTrue(answer.body(), answer.body().contains("request-timeout"));
            }
        }
    }

    @Test
    public void aTrickledBodyIsCutLongBeforeTheReadTimeoutByTheMinimumDataRate() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(50);
            String head = RawHttp.head("POST " + CONVERSATION_BUILDER + " HTTP/1.1",
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + ALICE_KEY), 1_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            RawHttp.Answer answer = new RawHttp.Answer(0, Map.of(), "");
            while (!answer.answered() && System.nanoTime() - started < Duration.ofMillis(READ_TIMEOUT_MILLIS).toNanos()) {
                try {
                    out.write(' ');
                } catch (IOException closed) {
                    // the server answered and closed; the answer is read below
                }
                answer = RawHttp.read(socket.getInputStream()); // waits at most the 50 ms socket timeout: the trickle's pace
            }

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(answer.toString(), 408, answer.status());
            assertTrue("cut after " + tookMillis + " ms", tookMillis < READ_TIMEOUT_MILLIS);
        }
    }

    @Test
    public void slowBodiesWithoutKeyOrWithOneTenantsKeyLeaveTheOtherTenantServed() throws Exception {
        String function = deployFunction(BOB, "quick", null, "async function lambda(input) { return {ok: true}; }", null);
        Map<String, String> aliceKey = Map.of("Authorization", "Bearer " + ALICE_KEY);
        List<SlowClients.Target> targets = List.of(
                new SlowClients.Target(CONVERSATION_BUILDER, Map.of()),
                new SlowClients.Target(CONVERSATION_BUILDER, aliceKey),
                new SlowClients.Target("/api/v1/accounts/alice/functions", aliceKey),
                new SlowClients.Target("/api/v1/accounts/alice/functions", Map.of()),
                new SlowClients.Target(CONVERSATION_BUILDER, Map.of("X-Switchboard-Account", BOB, "X-Switchboard-Signature",
                        "sha256=" + "0".repeat(64), "X-Switchboard-Timestamp", Long.toString(System.currentTimeMillis() / 1000))));

        // Once before the attack: the first calls pay for class loading and the function's first context, not the attack.
        bobsCalls(function);
        long slowestBeforeMillis = slowestMillis;
        slowestMillis = 0;
        try (SlowClients attack = SlowClients.start(port(), ATTACKING_CONNECTIONS, targets)) {
            // Bob keeps calling for as long as the attack is meant to last, not for a number of calls that might all
            // fit between two of the attacker's bytes.
            long end = System.nanoTime() + ATTACK_DURATION.toNanos();
            int calls = 0;
            while (System.nanoTime() < end) {
                calls += bobsCalls(function);
            }
            assertTrue("the attack was answered or cut " + attack.answered() + " times", attack.answered() > ATTACKING_CONNECTIONS);
            System.out.printf("SlowBodiesIT: %d of bob's calls during the attack, the slowest %d ms (%d ms before it); "
                    + "%d slow requests answered or cut%n", calls, slowestMillis, slowestBeforeMillis, attack.answered());
        }
    }

    /** One round of bob's calls, each of which must be answered in time; returns how many calls it made. */
    private int bobsCalls(String function) throws Exception {
        assertServed("bob's Conversation Builder call", 200, post(CONVERSATION_BUILDER, conversationBuilderCall("quick", null)));
        assertServed("bob's invocation through the API", 200,
                post("/api/v1/accounts/" + BOB + "/functions/" + function + "/invoke", "{\"payload\":{}}"));
        assertServed("bob's listing", 200, HttpRequest.newBuilder(url("/api/v1/accounts/" + BOB + "/functions")).GET());
        return 3;
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private void assertServed(String what, int status, HttpRequest.Builder request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.header("Authorization", "Bearer " + BOB_KEY).timeout(SERVED_WITHIN).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(what + " was not answered within " + SERVED_WITHIN.toSeconds() + " s while the attack ran", e);
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        slowestMillis = Math.max(slowestMillis, tookMillis);
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        assertTrue(what + " took " + tookMillis + " ms", tookMillis < SERVED_WITHIN.toMillis());
    }
}
