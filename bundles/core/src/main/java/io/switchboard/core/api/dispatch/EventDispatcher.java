package io.switchboard.core.api.dispatch;

import org.osgi.annotation.versioning.ProviderType;

/** Raises an event: validates it, selects the account's productive functions for it and runs them. */
@ProviderType
public interface EventDispatcher {

    /**
     * Dispatches one event.
     *
     * @throws UnknownEventTypeException when no event source provides the type
     * @throws InvalidPayloadException when the payload is not JSON or fails the type's schema
     * @throws UnknownFunctionException when a command or bot event finds no productive function to run (unknown
     *         command, unknown bot, a bot without a function for the type)
     * @throws CapacityExceededException when a synchronous event meets a full concurrency limit
     */
    DispatchResult dispatch(DispatchRequest request);
}
