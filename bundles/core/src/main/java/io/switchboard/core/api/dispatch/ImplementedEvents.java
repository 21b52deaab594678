package io.switchboard.core.api.dispatch;

import org.osgi.annotation.versioning.ProviderType;

/**
 * LivePerson's {@code isImplemented}: whether an account has a productive function for an event type.
 *
 * @since 1.3
 */
@ProviderType
@FunctionalInterface
public interface ImplementedEvents {

    /**
     * For a type that selects by skill, whether an event of that skill would run a function; for others, whether any
     * productive function is bound to the type.
     *
     * @param skillId the skill, or null
     * @throws UnknownEventTypeException when no event source provides the type
     */
    boolean implemented(String account, String eventTypeId, String skillId);
}
