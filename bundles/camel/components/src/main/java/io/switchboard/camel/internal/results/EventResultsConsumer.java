package io.switchboard.camel.internal.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.dispatch.FunctionRun;
import io.switchboard.core.api.dispatch.SettledEvent;
import io.switchboard.core.api.dispatch.SettledEventListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the core for the settled events of one event type while started, and runs the route for each one to be
 * delivered on a thread pool of its own (the core's worker only queues it). The body is the delivery document
 * {@code {"eventId", "eventType", "account", "skillId", <the combined result: "commands" and "useDefaultAutoMessage", or
 * "emails", else "result">, "functions": [{"id", "name", "version"}]}}.
 */
final class EventResultsConsumer extends DefaultConsumer implements SettledEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventResultsConsumer.class);

    private final ListenerRegistry registry;
    private final EventResultsEndpoint endpoint;
    private volatile ExecutorService pool;
    private ListenerRegistry.Registration registration;

    EventResultsConsumer(EventResultsEndpoint endpoint, Processor processor, ListenerRegistry registry) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.registry = registry;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        pool = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "event-results-" + endpoint.eventTypeId(), endpoint.getPoolSize());
        registration = registry.register(endpoint.eventTypeId(), this);
    }

    @Override
    protected void doStop() throws Exception {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (pool != null) {
            // Events already queued are routed before the route stops.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pool);
            pool = null;
        }
        super.doStop();
    }

    @Override
    public void eventSettled(SettledEvent event) {
        if (!event.delivered()) {
            LOG.debug("Event {} of account {} was dead-lettered: nothing to deliver", event.eventId(), event.account());
            return;
        }
        ExecutorService current = pool;
        try {
            if (current == null) {
                throw new RejectedExecutionException("the consumer is stopped");
            }
            current.execute(() -> route(event));
        } catch (RejectedExecutionException e) {
            LOG.warn("Route {} stopped before it could take settled event {} of account {}: {}", getRouteId(), event.eventId(),
                    event.account(), e.getMessage());
        }
    }

    private void route(SettledEvent event) {
        Exchange exchange = createExchange(true);
        try {
            fill(exchange.getMessage(), event);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Route " + getRouteId() + " failed on event " + event.eventId(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** Body: the delivery document; headers: which event of which account and skill. */
    static void fill(Message message, SettledEvent event) throws Exception {
        message.setHeader(SwitchboardHeaders.EVENT_ID, event.eventId());
        message.setHeader(SwitchboardHeaders.ACCOUNT, event.account());
        message.setHeader(SwitchboardHeaders.EVENT_TYPE_ID, event.eventTypeId());
        message.setHeader(SwitchboardHeaders.SKILL_ID, event.skillId());
        message.setBody(Payloads.JSON.writeValueAsString(delivery(event)));
    }

    static ObjectNode delivery(SettledEvent event) throws Exception {
        ObjectNode delivery = Payloads.JSON.createObjectNode();
        delivery.put("eventId", event.eventId());
        delivery.put("eventType", event.eventTypeId());
        delivery.put("account", event.account());
        delivery.put("skillId", event.skillId());
        JsonNode combined = Payloads.JSON.readTree(event.resultJson());
        if (combined.isObject() && (combined.has("commands") || combined.has("emails"))) {
            delivery.setAll((ObjectNode) combined);
        } else {
            delivery.set("result", combined);
        }
        ArrayNode functions = delivery.putArray("functions");
        for (FunctionRun run : event.functions()) {
            functions.addObject().put("id", run.functionId()).put("name", run.functionName()).put("version", run.version());
        }
        return delivery;
    }
}
