package io.switchboard.camel.internal.results;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code event-results:<eventTypeId>}: one exchange per settled asynchronous event of that type whose functions all
 * returned valid results (a dead-lettered event has none). Option {@code poolSize} (default 4): threads of the consumer that run the route, so
 * the core's asynchronous workers never wait for it.
 */
public final class EventResultsEndpoint extends DefaultEndpoint {

    private final String eventTypeId;
    private int poolSize = 4;

    EventResultsEndpoint(String uri, EventResultsComponent component, String eventTypeId) {
        super(uri, component);
        this.eventTypeId = eventTypeId;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EventResultsConsumer consumer = new EventResultsConsumer(this, processor, ((EventResultsComponent) getComponent()).registry());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("event-results: endpoints only receive (from(\"event-results:<eventTypeId>\"))");
    }

    public String eventTypeId() {
        return eventTypeId;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize of " + getEndpointUri() + " must be at least 1, not " + poolSize);
        }
        this.poolSize = poolSize;
    }
}
