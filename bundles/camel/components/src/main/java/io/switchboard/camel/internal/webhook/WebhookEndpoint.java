package io.switchboard.camel.internal.webhook;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** {@code webhook:/events/<family>/<event>}: a route's HTTP entry; only consumes. */
public final class WebhookEndpoint extends DefaultEndpoint {

    private final String path;

    WebhookEndpoint(String uri, WebhookComponent component, String path) {
        super(uri, component);
        this.path = path;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WebhookConsumer consumer = new WebhookConsumer(this, processor, ((WebhookComponent) getComponent()).registry());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("webhook: endpoints only receive (from(\"webhook:...\"))");
    }

    public String path() {
        return path;
    }
}
