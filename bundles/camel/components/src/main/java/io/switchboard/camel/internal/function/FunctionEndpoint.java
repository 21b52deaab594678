package io.switchboard.camel.internal.function;

import io.switchboard.camel.internal.AccountPath;
import io.switchboard.core.api.dispatch.Trigger;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code function:<account>/<functionName>} (or {@code function:<functionName>} with the account in a header).
 * Option {@code failOnError} (default true): a function that fails, times out or is rejected throws
 * {@link io.switchboard.camel.api.FunctionFailedException}; with false the outcome is left in headers and the body.
 * Option {@code trigger} (default CAMEL): what the invocation record names as the cause (EXTERNAL for bots).
 */
public final class FunctionEndpoint extends DefaultEndpoint {

    private final AccountPath target;
    private boolean failOnError = true;
    private Trigger trigger = Trigger.CAMEL;

    FunctionEndpoint(String uri, FunctionComponent component, AccountPath target) {
        super(uri, component);
        this.target = target;
    }

    @Override
    public Producer createProducer() {
        return new FunctionProducer(this, ((FunctionComponent) getComponent()).invoker());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("function: endpoints only send (to(\"function:...\")); "
                + "use webhook: to receive calls");
    }

    AccountPath target() {
        return target;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public void setTrigger(Trigger trigger) {
        this.trigger = trigger;
    }
}
