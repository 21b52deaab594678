package io.switchboard.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.http.api.BodyRefusedException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedBodyReaderTest {

    private static final long MAX_BYTES = 64;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /** A server whose servlet reads the body for the account named in X-Account and answers what happened. */
    private TestServer serve(BoundedBodyReader reader) throws Exception {
        resources.add(reader::close);
        TestServer server = new TestServer(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String text;
                try {
                    byte[] body = reader.read(request, request.getHeader("X-Account"), MAX_BYTES);
                    response.setStatus(200);
                    text = "read " + body.length + ": " + new String(body, StandardCharsets.UTF_8);
                } catch (BodyRefusedException refused) {
                    response.setStatus(refused.refusal().status());
                    response.setHeader("Connection", "close");
                    text = refused.getMessage();
                } catch (IOException failed) {
                    response.setStatus(400);
                    text = "failed: " + failed;
                }
                // A deadline's interrupt must never outlive the read on a container thread.
                response.getOutputStream().write((text + " interrupted=" + Thread.currentThread().isInterrupted())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }, null);
        resources.add(server);
        return server;
    }

    private Socket stalled(TestServer server, String account) throws IOException {
        Socket socket = server.open(TestServer.post("/", 50, "X-Account: " + account), "{\"a\":");
        resources.add(socket);
        return socket;
    }

    @Test
    void aWholeBodyIsReturnedWhetherItsLengthIsDeclaredOrChunked() throws Exception {
        TestServer server = serve(new BoundedBodyReader(new BodyLimits(5_000, 1_000, 4, 2)));

        TestServer.Answer declared = server.exchange(TestServer.post("/", 7, "X-Account: a"), "{\"a\":1}");
        TestServer.Answer chunked = server.exchange(TestServer.post("/", -1, "X-Account: a", "Transfer-Encoding: chunked"),
                "3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n");
        TestServer.Answer none = server.exchange(TestServer.post("/", 0, "X-Account: a"), "");

        assertThat(declared.text()).contains("read 7: {\"a\":1} interrupted=false");
        assertThat(chunked.text()).contains("read 7: {\"a\":1} interrupted=false");
        assertThat(none.text()).contains("read 0: ");
    }

    @Test
    void aBodyLargerThanAllowedIs413WhetherDeclaredOrFoundWhileReading() throws Exception {
        TestServer server = serve(new BoundedBodyReader(new BodyLimits(5_000, 1_000, 4, 2)));
        String large = "x".repeat((int) MAX_BYTES + 1);

        // Declared too large: refused before a byte of the body is sent.
        try (Socket socket = server.open(TestServer.post("/", MAX_BYTES + 1, "X-Account: a"), "")) {
            assertThat(TestServer.answer(socket, 5_000).status()).isEqualTo(413);
        }
        TestServer.Answer chunked = server.exchange(TestServer.post("/", -1, "X-Account: a", "Transfer-Encoding: chunked"),
                Integer.toHexString(large.length()) + "\r\n" + large + "\r\n0\r\n\r\n");

        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void aBodyThatArrivedWithItsHeadIsReadWithoutADeadlineAndAStalledOneWithOne() throws Exception {
        BoundedBodyReader reader = new BoundedBodyReader(new BodyLimits(500, 0, 4, 2));
        TestServer server = serve(reader);

        // head and body in one write: on loopback they reach the server's first read together
        Socket whole = new Socket(InetAddress.getLoopbackAddress(), server.port());
        resources.add(whole);
        whole.getOutputStream().write((TestServer.post("/", 7, "X-Account: a") + "{\"a\":1}").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(TestServer.answer(whole, 10_000).text()).contains("read 7: {\"a\":1}");
        assertThat(reader.deadlinesStarted()).isZero();

        assertThat(TestServer.answer(stalled(server, "a"), 10_000).status()).isEqualTo(408);
        assertThat(reader.deadlinesStarted()).isEqualTo(1);
    }

    @Test
    void aBodyThatStallsIs408OnceTheDeadlinePassesAndLeavesNoInterruptBehind() throws Exception {
        BoundedBodyReader reader = new BoundedBodyReader(new BodyLimits(500, 0, 4, 2));
        TestServer server = serve(reader);
        long started = System.nanoTime();

        TestServer.Answer answer = TestServer.answer(stalled(server, "a"), 10_000);

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.text()).contains("not complete within 500 ms").contains("interrupted=false");
        assertThat(tookMillis).isBetween(450L, 5_000L);
        await("the read's place is given back", () -> reader.readsInProgress() == 0);
        assertThat(server.exchange(TestServer.post("/", 7, "X-Account: a"), "{\"a\":1}").text()).contains("interrupted=false");
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIs408AfterTheFirstSecond() throws Exception {
        TestServer server = serve(new BoundedBodyReader(new BodyLimits(30_000, 1_000, 4, 2)));
        Socket socket = server.open(TestServer.post("/", 60, "X-Account: a"), "{");
        resources.add(socket);
        OutputStream out = socket.getOutputStream();
        long started = System.nanoTime();
        TestServer.Answer answer = new TestServer.Answer(0, "");
        while (answer.status() == 0 && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
            out.write(' '); // the slow client's pace: one byte per 50 ms read timeout below
            out.flush();
            answer = TestServer.answer(socket, 50);
        }

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.text()).contains("slower than 1000 bytes per second");
        assertThat(tookMillis).isBetween(1_000L, 5_000L);
    }

    @Test
    void oneAccountGetsAtMostItsShareOfReadsAndTheServerAtMostItsTotal() throws Exception {
        BoundedBodyReader reader = new BoundedBodyReader(new BodyLimits(30_000, 0, 3, 2));
        TestServer server = serve(reader);
        Socket first = stalled(server, "alice");
        stalled(server, "alice");
        await("alice's two bodies are being read", () -> reader.readsInProgress() == 2);

        TestServer.Answer thirdOfAlice = server.exchange(TestServer.post("/", 7, "X-Account: alice"), "{\"a\":1}");
        stalled(server, "bob");
        await("bob's body is being read too", () -> reader.readsInProgress() == 3);
        TestServer.Answer carol = server.exchange(TestServer.post("/", 7, "X-Account: carol"), "{\"a\":1}");

        assertThat(thirdOfAlice.status()).isEqualTo(429);
        assertThat(thirdOfAlice.text()).contains("already sends 2 request bodies at once");
        assertThat(carol.status()).isEqualTo(503);
        first.getOutputStream().write("1}".repeat(24).getBytes(StandardCharsets.US_ASCII));
        assertThat(TestServer.answer(first, 10_000).status()).isEqualTo(200);
        await("alice's finished read gave its place back", () -> reader.readsInProgress() == 2);
        assertThat(server.exchange(TestServer.post("/", 7, "X-Account: carol"), "{\"a\":1}").status()).isEqualTo(200);
    }

    @Test
    void aClientThatSendsLessThanItPromisedIsAFailedReadNotARefusal() throws Exception {
        TestServer server = serve(new BoundedBodyReader(new BodyLimits(5_000, 0, 4, 2)));
        Socket socket = server.open(TestServer.post("/", 50, "X-Account: a"), "{\"a\":");
        resources.add(socket);
        socket.shutdownOutput();

        TestServer.Answer answer = TestServer.answer(socket, 10_000);

        assertThat(answer.text()).doesNotContain("408").doesNotContain("read ");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 10 s: " + what).isLessThan(deadline);
            Thread.sleep(10); // polling the condition against the deadline above
        }
    }
}
