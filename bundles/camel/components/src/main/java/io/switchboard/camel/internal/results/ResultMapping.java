package io.switchboard.camel.internal.results;

import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.camel.api.ResultContract;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.log.SafeText;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the result of an {@code event-results:} exchange into the delivery document; see {@code ResultCallbacks.mapping}. */
public final class ResultMapping implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ResultMapping.class);

    private final ResultContract contract;

    public ResultMapping(ResultContract contract) {
        this.contract = contract;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        if (!Outcome.OK.name().equals(message.getHeader(SwitchboardHeaders.OUTCOME, String.class))) {
            LOG.debug("Invocation {} of event {} ended {}: nothing to deliver", message.getHeader(SwitchboardHeaders.INVOCATION_ID),
                    message.getHeader(SwitchboardHeaders.EVENT_ID), message.getHeader(SwitchboardHeaders.OUTCOME));
            exchange.setRouteStop(true);
            return;
        }
        Object mapped;
        try {
            mapped = contract.map(message.getMandatoryBody(String.class));
        } catch (InvalidResultException e) {
            LOG.warn("Function {} ({}) of account {} broke the result contract of {} in invocation {} (event {}): {} [{}]; nothing delivered",
                    message.getHeader(SwitchboardHeaders.FUNCTION_NAME), message.getHeader(SwitchboardHeaders.FUNCTION_ID),
                    message.getHeader(SwitchboardHeaders.ACCOUNT), message.getHeader(SwitchboardHeaders.EVENT_TYPE_ID),
                    message.getHeader(SwitchboardHeaders.INVOCATION_ID), message.getHeader(SwitchboardHeaders.EVENT_ID), SafeText.of(e.getMessage()),
                    InvalidResultException.ERROR_CODE);
            message.setHeader(SwitchboardHeaders.OUTCOME, Outcome.ERROR.name());
            message.setHeader(SwitchboardHeaders.ERROR_CODE, InvalidResultException.ERROR_CODE);
            message.setHeader(SwitchboardHeaders.ERROR_MESSAGE, e.getMessage());
            exchange.setRouteStop(true);
            return;
        }
        if (mapped == null || mapped instanceof Collection<?> list && list.isEmpty()) {
            LOG.debug("Invocation {} of event {} asked for nothing: nothing to deliver", message.getHeader(SwitchboardHeaders.INVOCATION_ID),
                    message.getHeader(SwitchboardHeaders.EVENT_ID));
            exchange.setRouteStop(true);
            return;
        }
        message.setBody(Payloads.JSON.writeValueAsString(delivery(message, mapped)));
    }

    private static Map<String, Object> delivery(Message message, Object mapped) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("eventId", message.getHeader(SwitchboardHeaders.EVENT_ID));
        delivery.put("eventType", message.getHeader(SwitchboardHeaders.EVENT_TYPE_ID));
        delivery.put("account", message.getHeader(SwitchboardHeaders.ACCOUNT));
        delivery.put("functionId", message.getHeader(SwitchboardHeaders.FUNCTION_ID));
        delivery.put("functionName", message.getHeader(SwitchboardHeaders.FUNCTION_NAME));
        delivery.put("invocationId", message.getHeader(SwitchboardHeaders.INVOCATION_ID));
        delivery.put("result", mapped);
        return delivery;
    }
}
