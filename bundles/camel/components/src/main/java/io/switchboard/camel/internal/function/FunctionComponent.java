package io.switchboard.camel.internal.function;

import io.switchboard.camel.internal.AccountPath;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code function:} component: invokes one productive function through the core's {@link FunctionInvoker}. */
public final class FunctionComponent extends DefaultComponent {

    public static final String SCHEME = "function";

    private final FunctionInvoker invoker;

    public FunctionComponent(FunctionInvoker invoker) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FunctionEndpoint endpoint = new FunctionEndpoint(uri, this, AccountPath.parse(SCHEME, remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    FunctionInvoker invoker() {
        return invoker;
    }
}
