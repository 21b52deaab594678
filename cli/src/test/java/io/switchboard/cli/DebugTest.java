package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sbf debug}: a Chrome DevTools client attaches over the inspector's WebSocket and the run stops at {@code debugger;}. */
class DebugTest {
    @TempDir
    Path dir;

    @Test
    void aDevToolsClientAttachesAndTheRunStopsAtADebuggerStatement() throws Exception {
        Path fn = Files.createDirectories(dir.resolve("functions/dbg"));
        Files.writeString(fn.resolve("index.js"), "async function lambda(input) {\n  const x = 41;\n  debugger;\n  return x + 1;\n}\n");
        Files.writeString(fn.resolve("config.json"), "{\"name\": \"dbg\", \"event\": \"No Event\", \"input\": {\"headers\": [], \"payload\": {}}}");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.run(dir, dir.resolve("cfg"), "", "debug", "dbg", "--port", Integer.toString(chosen), "-o", "json"));

        HttpClient http = HttpClient.newHttpClient();
        String socketUrl = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (socketUrl == null && System.nanoTime() < deadline) {
            try {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                socketUrl = Json.parse(list).get(0).path("webSocketDebuggerUrl").asText();
            } catch (java.io.IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100); // polling a port that is not open yet, within the deadline
            }
        }
        assertThat(socketUrl).as("the inspector listens on port " + port).isNotNull().contains("sbf-dbg");

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(socketUrl), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(Json.parse(text.toString()));
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        socket.sendText("{\"id\":1,\"method\":\"Runtime.enable\"}", true).get();
        socket.sendText("{\"id\":2,\"method\":\"Debugger.enable\"}", true).get();
        socket.sendText("{\"id\":3,\"method\":\"Runtime.runIfWaitingForDebugger\"}", true).get();

        JsonNode paused = null;
        while (paused == null) {
            JsonNode message = messages.poll(60, TimeUnit.SECONDS);
            assertThat(message).as("a Debugger.paused event within 60 s").isNotNull();
            if ("Debugger.paused".equals(message.path("method").asText())) {
                paused = message;
            }
        }
        assertThat(paused.at("/params/callFrames/0/functionName").asText()).isEqualTo("lambda");
        assertThat(paused.at("/params/callFrames/0/location/lineNumber").asInt()).isEqualTo(2);
        socket.sendText("{\"id\":4,\"method\":\"Debugger.resume\"}", true).get();

        CliRun done = run.get(60, TimeUnit.SECONDS);
        assertThat(done.exitCode).as(done.out + done.err).isZero();
        assertThat(done.out).contains("\"result\" : 42");
        socket.abort();
        assertThat(System.getProperty("polyglot.inspect")).isNull();
    }
}
