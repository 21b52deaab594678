package io.switchboard.camel.internal.webhook;

import io.switchboard.camel.api.WebhookRejectedException;
import io.switchboard.camel.api.SwitchboardHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Feeds the calls of one webhook path into its route, on the HTTP request's thread. */
final class WebhookConsumer extends DefaultConsumer {

    private final WebhookRegistry registry;
    private final String path;

    WebhookConsumer(WebhookEndpoint endpoint, Processor processor, WebhookRegistry registry) {
        super(endpoint, processor);
        this.registry = registry;
        this.path = endpoint.path();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        registry.register(path, this);
    }

    @Override
    protected void doStop() throws Exception {
        registry.unregister(path, this);
        super.doStop();
    }

    /** Runs the route for one call and returns what it answered. */
    WebhookReply handle(WebhookCall call) {
        if (!isStarted() || !getEndpoint().getCamelContext().isStarted()) {
            // Registered as soon as this consumer starts, the path can be called while the rest of its CamelContext
            // is still starting (or already stopping): ask the caller to come back rather than fail in Camel.
            return new WebhookReply(503, null, new WebhookRejectedException(503,
                    "The route of " + path + " is starting or stopping; retry in a moment"));
        }
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            call.headers().forEach(message::setHeader);
            message.setHeader(SwitchboardHeaders.ACCOUNT, call.account());
            message.setHeader(SwitchboardHeaders.WEBHOOK_PATH, path);
            message.setHeader(SwitchboardHeaders.HTTP_QUERY, call.query());
            call.pathVariables().forEach((name, value) -> message.setHeader(SwitchboardHeaders.pathVariable(name), value));
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(call.body());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            return new WebhookReply(status == null ? 200 : status, exchange.getMessage().getBody(), exchange.getException());
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
