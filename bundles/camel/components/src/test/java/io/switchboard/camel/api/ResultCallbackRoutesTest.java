package io.switchboard.camel.api;

import static io.switchboard.camel.internal.results.FakeListenerRegistry.failed;
import static io.switchboard.camel.internal.results.FakeListenerRegistry.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.camel.internal.results.EventResultsComponent;
import io.switchboard.camel.internal.results.FakeListenerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultCallbackRoutesTest {

    private static final String END = "messaging_conversation_end";
    private static final String SECRET = "s3cret";

    /** One request the callback server received. */
    private record Delivery(String account, String timestamp, String signature, String body) {
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private final FakeListenerRegistry registry = new FakeListenerRegistry();
    private final CamelContext camel = new DefaultCamelContext();

    ResultCallbackRoutesTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Switchboard-Account"),
                        exchange.getRequestHeaders().getFirst("X-Switchboard-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    private void start(int maximumRedeliveries) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
        CallbackSettings settings = CallbackSettings.of(new String[] {"acme=" + url}, SECRET, Duration.ofSeconds(5), maximumRedeliveries,
                Duration.ofMillis(1));
        camel.addComponent(EventResultsComponent.SCHEME, new EventResultsComponent(registry));
        camel.addRoutes(new ResultCallbackRoutes(settings) {
            @Override
            protected Map<String, ResultContract> contracts() {
                return Map.of(END, new CallbackCommandsContract());
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    private Delivery next() throws InterruptedException {
        Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
        assertThat(delivery).as("a delivery within 10 s").isNotNull();
        return delivery;
    }

    @Test
    void theMappedCommandsArePostedSignedToTheAccountsCallback() throws Exception {
        start(0);

        registry.tell(END, ok("acme", END, "inv-1", "{\"type\":\"sendMessage\",\"text\":\"Thanks!\"}"));

        Delivery delivery = next();
        JsonNode body = new ObjectMapper().readTree(delivery.body());
        assertThat(body.get("eventId").asText()).isEqualTo("evt-inv-1");
        assertThat(body.get("eventType").asText()).isEqualTo(END);
        assertThat(body.get("account").asText()).isEqualTo("acme");
        assertThat(body.get("functionName").asText()).isEqualTo("on-end");
        assertThat(body.get("invocationId").asText()).isEqualTo("inv-1");
        assertThat(body.at("/result/0/type").asText()).isEqualTo("sendMessage");
        assertThat(body.at("/result/0/text").asText()).isEqualTo("Thanks!");
        assertThat(delivery.account()).isEqualTo("acme");
        // Signed as webhook calls are: over "<timestamp>.<body>", with the time of signing in Unix seconds.
        assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(delivery.signature()).isEqualTo("sha256=" + hmac(delivery.timestamp() + "." + delivery.body()));
    }

    @Test
    void anUnknownCommandAFailedFunctionNothingToDoAndAnAccountWithoutCallbackAreNotDelivered() throws Exception {
        start(0);

        registry.tell(END, ok("acme", END, "bad", "{\"type\":\"explode\"}"));
        registry.tell(END, failed("acme", END, "failed", 5, true));
        registry.tell(END, ok("acme", END, "nothing", "[]"));
        registry.tell(END, ok("globex", END, "elsewhere", "{\"type\":\"closeConversation\"}"));
        registry.tell(END, ok("acme", END, "good", "{\"type\":\"closeConversation\"}"));

        assertThat(new ObjectMapper().readTree(next().body()).get("invocationId").asText()).isEqualTo("good");
        // Every other outcome is routed (or dropped) before the route ends: once the routes are idle, only one arrived.
        camel.stop();
        assertThat(deliveries).isEmpty();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aFailedDeliveryIsRedeliveredUpToTheLimit() throws Exception {
        start(2);
        failuresLeft.set(2);

        registry.tell(END, ok("acme", END, "inv-2", "{\"type\":\"noAction\"}"));

        assertThat(new ObjectMapper().readTree(next().body()).get("invocationId").asText()).isEqualTo("inv-2");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aDeliveryThatKeepsFailingIsGivenUpAfterTheLimit() throws Exception {
        start(1);
        failuresLeft.set(10);

        registry.tell(END, ok("acme", END, "inv-3", "{\"type\":\"noAction\"}"));
        failuresLeft.set(10);
        registry.tell(END, ok("acme", END, "inv-4", "{\"type\":\"noAction\"}"));
        camel.stop();

        assertThat(requests.get()).isEqualTo(4);
        assertThat(deliveries).isEmpty();
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
