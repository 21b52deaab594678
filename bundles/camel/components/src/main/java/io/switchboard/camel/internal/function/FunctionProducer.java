package io.switchboard.camel.internal.function;

import io.switchboard.camel.api.FunctionFailedException;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/** Runs the function with the body as payload and the message headers as its headers; the result becomes the body. */
final class FunctionProducer extends DefaultProducer {

    private final FunctionEndpoint endpoint;
    private final FunctionInvoker invoker;

    FunctionProducer(FunctionEndpoint endpoint, FunctionInvoker invoker) {
        super(endpoint);
        this.endpoint = endpoint;
        this.invoker = invoker;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String account = endpoint.target().accountFor(message);
        String function = endpoint.target().name();
        FunctionOutcome outcome = invoker.invoke(account, function, Payloads.bodyAsJson(message),
                Payloads.functionHeaders(exchange), endpoint.getTrigger());
        message.setHeader(SwitchboardHeaders.OUTCOME, outcome.outcome().name());
        message.setHeader(SwitchboardHeaders.INVOCATION_ID, outcome.invocationId());
        if (outcome.outcome() == Outcome.OK) {
            message.setBody(outcome.resultJson());
            return;
        }
        String code = outcome.error() == null ? null : outcome.error().errorCode();
        String text = outcome.error() == null ? null : outcome.error().errorMsg();
        message.setHeader(SwitchboardHeaders.ERROR_CODE, code);
        message.setHeader(SwitchboardHeaders.ERROR_MESSAGE, text);
        if (endpoint.isFailOnError()) {
            throw new FunctionFailedException(account + "/" + function, outcome.outcome(), code, text, outcome.invocationId());
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMsg", text);
        message.setBody(Payloads.toJson(error));
    }
}
