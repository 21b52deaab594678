package io.switchboard.camel.internal.event;

import io.switchboard.camel.internal.AccountPath;
import io.switchboard.core.api.dispatch.Trigger;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code event:<account>/<eventTypeId>} (or {@code event:<eventTypeId>} with the account in a header).
 * Option {@code trigger} (default CAMEL): what the invocation records name as the cause; event sources use EVENT.
 */
public final class EventEndpoint extends DefaultEndpoint {

    private final AccountPath target;
    private Trigger trigger = Trigger.CAMEL;

    EventEndpoint(String uri, EventComponent component, AccountPath target) {
        super(uri, component);
        this.target = target;
    }

    @Override
    public Producer createProducer() {
        return new EventProducer(this, ((EventComponent) getComponent()).dispatcher());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("event: endpoints only send (to(\"event:...\")); use webhook: to receive calls");
    }

    AccountPath target() {
        return target;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public void setTrigger(Trigger trigger) {
        this.trigger = trigger;
    }
}
