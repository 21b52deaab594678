package io.switchboard.camel.internal.results;

import static io.switchboard.camel.internal.results.FakeListenerRegistry.failed;
import static io.switchboard.camel.internal.results.FakeListenerRegistry.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventResultsComponentTest {

    private static final String END = "messaging_conversation_end";

    private final FakeListenerRegistry registry = new FakeListenerRegistry();
    private final CamelContext camel = new DefaultCamelContext();
    private final BlockingQueue<Message> routed = new LinkedBlockingQueue<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean gated;

    EventResultsComponentTest() throws Exception {
        camel.addComponent(EventResultsComponent.SCHEME, new EventResultsComponent(registry));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // One thread: outcomes are routed in the order they were told.
                from("event-results:" + END + "?poolSize=1").routeId("end-results").process(exchange -> {
                    if (gated && !gate.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    routed.add(exchange.getMessage().copy());
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        gate.countDown();
        camel.stop();
    }

    private Message next() throws InterruptedException {
        Message message = routed.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("an exchange within 10 s").isNotNull();
        return message;
    }

    @Test
    void theConsumerListensForItsEventTypeWhileItsRouteRuns() throws Exception {
        assertThat(registry.listeners).containsOnlyKeys(END);

        camel.getRouteController().stopRoute("end-results");

        assertThat(registry.listeners).isEmpty();
        camel.getRouteController().startRoute("end-results");
        assertThat(registry.listeners).containsOnlyKeys(END);
    }

    @Test
    void aFinalOkOutcomeIsRoutedWithTheResultAsBodyAndWhoItIsFromInTheHeaders() throws Exception {
        registry.tell(END, ok("acme", END, "inv-1", "{\"type\":\"closeConversation\"}"));

        Message message = next();
        assertThat(message.getBody(String.class)).isEqualTo("{\"type\":\"closeConversation\"}");
        assertThat(message.getHeaders()).containsAllEntriesOf(Map.of(
                SwitchboardHeaders.EVENT_ID, "evt-inv-1",
                SwitchboardHeaders.ACCOUNT, "acme",
                SwitchboardHeaders.EVENT_TYPE_ID, END,
                SwitchboardHeaders.FUNCTION_ID, "fn-1",
                SwitchboardHeaders.FUNCTION_NAME, "on-end",
                SwitchboardHeaders.INVOCATION_ID, "inv-1",
                SwitchboardHeaders.OUTCOME, "OK",
                SwitchboardHeaders.ATTEMPT, 1));
        assertThat(message.getHeaders()).doesNotContainKey(SwitchboardHeaders.ERROR_CODE);
    }

    @Test
    void onlyTheFinalAttemptOfAFailingFunctionIsRoutedAndItCarriesTheError() throws Exception {
        registry.tell(END, failed("acme", END, "inv-2", 1, false));
        registry.tell(END, failed("acme", END, "inv-2", 2, true));

        Message message = next();
        // Routed in order on one thread: had the first attempt been routed, it would have come first.
        assertThat(message.getHeader(SwitchboardHeaders.ATTEMPT)).isEqualTo(2);
        assertThat(message.getHeader(SwitchboardHeaders.OUTCOME)).isEqualTo("ERROR");
        assertThat(message.getHeader(SwitchboardHeaders.ERROR_CODE)).isEqualTo("E42");
        assertThat(message.getHeader(SwitchboardHeaders.ERROR_MESSAGE)).isEqualTo("broken");
        assertThat(message.getBody(String.class)).isEqualTo("{\"errorCode\":\"E42\",\"errorMsg\":\"broken\"}");
    }

    @Test
    void theCoresWorkerIsHandedBackBeforeTheRouteRuns() throws Exception {
        gated = true;
        long started = System.nanoTime();
        registry.tell(END, ok("acme", END, "inv-3", "null"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(routed).isEmpty();
        gate.countDown();
        assertThat(next().getBody(String.class)).isEqualTo("null");
    }

    @Test
    void anEndpointNamesExactlyOneEventType() {
        assertThatThrownBy(() -> camel.getEndpoint("event-results:a/b")).hasMessageContaining("names one event type id");
        assertThatThrownBy(() -> camel.getEndpoint("event-results:" + END + "?poolSize=0")).hasMessageContaining("poolSize");
    }
}
