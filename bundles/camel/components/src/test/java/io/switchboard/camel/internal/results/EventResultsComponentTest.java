package io.switchboard.camel.internal.results;

import static io.switchboard.camel.internal.results.FakeListenerRegistry.deadLettered;
import static io.switchboard.camel.internal.results.FakeListenerRegistry.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.FunctionRun;
import io.switchboard.core.api.dispatch.SettledEvent;
import io.switchboard.core.api.event.ResultDelivery;
import java.time.Duration;
import java.util.List;
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

    private static final String END = "controllerbot_messaging_conversation_end";
    private static final ObjectMapper JSON = new ObjectMapper();

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
                // One thread: events are routed in the order they were told.
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
    void aSettledEventIsRoutedAsTheDeliveryDocumentWithWhoItIsForInTheHeaders() throws Exception {
        registry.tell(END, delivered("acme", END, "evt-1", "{\"commands\":[{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}"));

        Message message = next();
        assertThat(JSON.readTree(message.getBody(String.class))).isEqualTo(JSON.readTree("{\"eventId\":\"evt-1\",\"eventType\":\"" + END
                + "\",\"account\":\"acme\",\"skillId\":\"1788830770\",\"commands\":[{\"type\":\"closeConversation\"}],"
                + "\"useDefaultAutoMessage\":false,\"functions\":[{\"id\":\"fn-1\",\"name\":\"on-end\",\"version\":3}]}"));
        assertThat(message.getHeaders()).containsAllEntriesOf(Map.of(
                SwitchboardHeaders.EVENT_ID, "evt-1",
                SwitchboardHeaders.ACCOUNT, "acme",
                SwitchboardHeaders.EVENT_TYPE_ID, END,
                SwitchboardHeaders.SKILL_ID, "1788830770"));
    }

    @Test
    void emailsAreDeliveredAsEmailsAndOtherResultsAsResult() throws Exception {
        registry.tell(END, new SettledEvent("evt-2", "acme", END, null, ResultDelivery.EMAILS, true, "{\"emails\":[]}",
                List.of(new FunctionRun("a", "a", 1), new FunctionRun("b", "b", 2))));
        registry.tell(END, new SettledEvent("evt-3", "acme", END, null, ResultDelivery.SINGLE, true, "[1,2]", List.of()));

        assertThat(JSON.readTree(next().getBody(String.class)).get("emails").isArray()).isTrue();
        assertThat(JSON.readTree(next().getBody(String.class)).get("result").toString()).isEqualTo("[1,2]");
    }

    @Test
    void aDeadLetteredEventIsNotRouted() throws Exception {
        registry.tell(END, deadLettered("acme", END, "evt-dead"));
        registry.tell(END, delivered("acme", END, "evt-after", "{\"commands\":[],\"useDefaultAutoMessage\":true}"));

        // Routed in order on one thread: had the dead-lettered event been routed, it would have come first.
        assertThat(next().getHeader(SwitchboardHeaders.EVENT_ID)).isEqualTo("evt-after");
    }

    @Test
    void theCoresWorkerIsHandedBackBeforeTheRouteRuns() throws Exception {
        gated = true;
        long started = System.nanoTime();
        registry.tell(END, delivered("acme", END, "evt-4", "{\"commands\":[],\"useDefaultAutoMessage\":false}"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(routed).isEmpty();
        gate.countDown();
        assertThat(next().getHeader(SwitchboardHeaders.EVENT_ID)).isEqualTo("evt-4");
    }

    @Test
    void anEndpointNamesExactlyOneEventType() {
        assertThatThrownBy(() -> camel.getEndpoint("event-results:a/b")).hasMessageContaining("names one event type id");
        assertThatThrownBy(() -> camel.getEndpoint("event-results:" + END + "?poolSize=0")).hasMessageContaining("poolSize");
    }
}
