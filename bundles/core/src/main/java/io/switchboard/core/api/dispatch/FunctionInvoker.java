package io.switchboard.core.api.dispatch;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Invokes one productive function directly, without an event (external invocation, bots, Camel). */
@ProviderType
public interface FunctionInvoker {

    /**
     * Runs the deployed version of a function and waits for its outcome.
     *
     * @param account the function's account
     * @param functionRef the function's id or its name (names are unique per account)
     * @param payloadJson the payload as JSON text
     * @param headers the caller's headers
     * @param trigger what caused the call
     * @throws UnknownFunctionException when the account has no such function or it is not deployed
     * @throws InvalidPayloadException when the payload is not JSON
     * @throws CapacityExceededException when a concurrency limit is full
     */
    FunctionOutcome invoke(String account, String functionRef, String payloadJson, List<Header> headers, Trigger trigger);
}
