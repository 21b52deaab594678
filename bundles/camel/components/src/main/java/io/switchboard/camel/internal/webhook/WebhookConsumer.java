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
            // The one place where a client's headers become Camel headers, for every webhook route: names of the
            // platform (Camel's, Switchboard's) are dropped, so a client can neither name an account nor steer Camel.
            call.headers().forEach((name, value) -> {
                if (!SwitchboardHeaders.isReserved(name)) {
                    message.setHeader(name, value);
                }
            });
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
            return reply(exchange);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** The route's answer; a status the route set that HTTP cannot carry as a final answer is the route's failure. */
    private WebhookReply reply(Exchange exchange) {
        Object status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
        if (status == null || exchange.getException() != null) {
            return new WebhookReply(200, exchange.getMessage().getBody(), exchange.getException());
        }
        int code = status instanceof Number number ? number.intValue()
                : status instanceof CharSequence text && text.toString().strip().matches("\\d{3}") ? Integer.parseInt(text.toString().strip()) : -1;
        if (isFinalStatus(code)) {
            // read as it was set, without Camel's type converter: a context that is stopping may have none left
            Object retryAfter = exchange.getMessage().getHeader(SwitchboardHeaders.HTTP_RETRY_AFTER);
            return new WebhookReply(code, exchange.getMessage().getBody(), null, retryAfter instanceof Number seconds ? Math.max(0, seconds.longValue()) : 0);
        }
        return new WebhookReply(500, null, new IllegalStateException("Route " + exchange.getFromRouteId() + " of " + path
                + " set the response status '" + status + "', which is no final HTTP status (200-599, or 901 of the LP gateway)"));
    }

    /** 200-599, and 901: LivePerson's gateway answers a function's failure with it, and LP clients expect it. */
    static boolean isFinalStatus(int status) {
        return (status >= 200 && status <= 599) || status == 901;
    }
}
