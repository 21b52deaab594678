package io.switchboard.camel.api;

import static io.switchboard.camel.internal.results.FakeListenerRegistry.deadLettered;
import static io.switchboard.camel.internal.results.FakeListenerRegistry.delivered;
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
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import java.util.List;
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

/** The result routes an event source gets from its folders: each settled asynchronous event, delivered once, signed. */
class EventSourceRoutesTest {

    private static final String END = "controllerbot_messaging_conversation_end";
    private static final String COMMANDS = "{\"commands\":[{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}";
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

    EventSourceRoutesTest() throws IOException {
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
        EventTypeDefinition type = new EventTypeDefinition(END, "End", "", "System Messages", 1, true, InvocationMode.ASYNC,
                EventSelection.SKILL, 3, ResultDelivery.COMMANDS, "{}", "{}", "{}", null);
        camel.addRoutes(new EventSourceRoutes(List.of(type), settings) {
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
    void aSettledEventIsPostedSignedToTheAccountsCallback() throws Exception {
        start(0);

        registry.tell(END, delivered("acme", END, "evt-1", COMMANDS));

        Delivery delivery = next();
        JsonNode body = new ObjectMapper().readTree(delivery.body());
        assertThat(body.get("eventId").asText()).isEqualTo("evt-1");
        assertThat(body.get("eventType").asText()).isEqualTo(END);
        assertThat(body.get("account").asText()).isEqualTo("acme");
        assertThat(body.at("/commands/0/type").asText()).isEqualTo("closeConversation");
        assertThat(body.get("useDefaultAutoMessage").asBoolean()).isFalse();
        assertThat(body.at("/functions/0/name").asText()).isEqualTo("on-end");
        assertThat(delivery.account()).isEqualTo("acme");
        // Signed as webhook calls are: over "<timestamp>.<body>", with the time of signing in Unix seconds.
        assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(delivery.signature()).isEqualTo("sha256=" + hmac(delivery.timestamp() + "." + delivery.body()));
    }

    @Test
    void aDeadLetteredEventAndAnAccountWithoutCallbackAreNotDelivered() throws Exception {
        start(0);

        registry.tell(END, deadLettered("acme", END, "dead"));
        registry.tell(END, delivered("globex", END, "elsewhere", COMMANDS));
        registry.tell(END, delivered("acme", END, "good", COMMANDS));

        assertThat(new ObjectMapper().readTree(next().body()).get("eventId").asText()).isEqualTo("good");
        // Every other event is routed (or dropped) before the route ends: once the routes are idle, only one arrived.
        camel.stop();
        assertThat(deliveries).isEmpty();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aFailedDeliveryIsRedeliveredUpToTheLimit() throws Exception {
        start(2);
        failuresLeft.set(2);

        registry.tell(END, delivered("acme", END, "evt-2", COMMANDS));

        assertThat(new ObjectMapper().readTree(next().body()).get("eventId").asText()).isEqualTo("evt-2");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aDeliveryThatKeepsFailingIsGivenUpAfterTheLimit() throws Exception {
        start(1);
        failuresLeft.set(10);

        registry.tell(END, delivered("acme", END, "evt-3", COMMANDS));
        failuresLeft.set(10);
        registry.tell(END, delivered("acme", END, "evt-4", COMMANDS));
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
