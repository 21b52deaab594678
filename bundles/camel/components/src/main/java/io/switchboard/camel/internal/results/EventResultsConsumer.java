package io.switchboard.camel.internal.results;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the core for the final outcomes of one event type while started, and runs the route for each on a thread
 * pool of its own (the core's worker only queues the outcome).
 */
final class EventResultsConsumer extends DefaultConsumer implements AsyncOutcomeListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventResultsConsumer.class);

    private final OutcomeListenerRegistry registry;
    private final EventResultsEndpoint endpoint;
    private volatile ExecutorService pool;
    private OutcomeListenerRegistry.Registration registration;

    EventResultsConsumer(EventResultsEndpoint endpoint, Processor processor, OutcomeListenerRegistry registry) {
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
            // Outcomes already queued are routed before the route stops.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pool);
            pool = null;
        }
        super.doStop();
    }

    @Override
    public void functionFinished(AsyncOutcome outcome) {
        if (!outcome.finalAttempt()) {
            return;
        }
        ExecutorService current = pool;
        try {
            if (current == null) {
                throw new RejectedExecutionException("the consumer is stopped");
            }
            current.execute(() -> route(outcome));
        } catch (RejectedExecutionException e) {
            LOG.warn("Route {} stopped before it could take the outcome of invocation {} (event {}): {}", getRouteId(),
                    outcome.outcome().invocationId(), outcome.eventId(), e.getMessage());
        }
    }

    private void route(AsyncOutcome outcome) {
        Exchange exchange = createExchange(true);
        try {
            fill(exchange.getMessage(), outcome);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Route " + getRouteId() + " failed on invocation " + outcome.outcome().invocationId()
                    + " of event " + outcome.eventId(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** Body: the result JSON (OK) or {"errorCode", "errorMsg"}; headers: who, what and how it ended. */
    static void fill(Message message, AsyncOutcome outcome) throws Exception {
        FunctionOutcome function = outcome.outcome();
        message.setHeader(SwitchboardHeaders.EVENT_ID, outcome.eventId());
        message.setHeader(SwitchboardHeaders.ACCOUNT, outcome.account());
        message.setHeader(SwitchboardHeaders.EVENT_TYPE_ID, outcome.eventTypeId());
        message.setHeader(SwitchboardHeaders.FUNCTION_ID, function.functionId());
        message.setHeader(SwitchboardHeaders.FUNCTION_NAME, function.functionName());
        message.setHeader(SwitchboardHeaders.INVOCATION_ID, function.invocationId());
        message.setHeader(SwitchboardHeaders.OUTCOME, function.outcome().name());
        message.setHeader(SwitchboardHeaders.ATTEMPT, outcome.attempt());
        if (function.outcome() == Outcome.OK) {
            message.setBody(function.resultJson() == null ? "null" : function.resultJson());
            return;
        }
        String code = function.error() == null ? null : function.error().errorCode();
        String text = function.error() == null ? null : function.error().errorMsg();
        message.setHeader(SwitchboardHeaders.ERROR_CODE, code);
        message.setHeader(SwitchboardHeaders.ERROR_MESSAGE, text);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMsg", text);
        message.setBody(Payloads.JSON.writeValueAsString(error));
    }
}
