package io.switchboard.core.api.dispatch;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Runs a function's draft as a test, the way a developer tries code before deploying it (the console's "Run draft"). */
@ProviderType
public interface DraftInvoker {

    /**
     * Runs a function's current draft (its spec as last saved, whether deployed or not) and waits for its outcome. It
     * runs under the same concurrency limits as the deployed version and is recorded as a {@link Trigger#MANUAL}
     * invocation of version 0; bindings and the deployed version are not touched.
     *
     * @param account the function's account
     * @param functionRef the function's id or its name
     * @param payloadJson the payload as JSON text
     * @param headers the caller's headers
     * @throws UnknownFunctionException when the account has no such function
     * @throws InvalidPayloadException when the payload is not JSON
     * @throws CapacityExceededException when a concurrency limit is full
     */
    FunctionOutcome invokeDraft(String account, String functionRef, String payloadJson, List<Header> headers);
}
