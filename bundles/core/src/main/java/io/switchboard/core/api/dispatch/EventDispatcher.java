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

    /**
     * Whether the account has a productive function for the event type (and skill), LivePerson's {@code isImplemented}:
     * for a type that selects by skill, whether an event of that skill would run a function; for others, whether any
     * productive function is bound to the type.
     *
     * @param skillId the skill, or null
     * @throws UnknownEventTypeException when no event source provides the type
     * @since 1.3
     */
    boolean implemented(String account, String eventTypeId, String skillId);
}
