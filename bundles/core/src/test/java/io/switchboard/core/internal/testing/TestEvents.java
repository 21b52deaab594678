package io.switchboard.core.internal.testing;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.internal.event.EventCatalogImpl;

/** Event types as event-source bundles would register them, and a way to register them in a catalogue. */
public final class TestEvents {

    public static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["conversationId", "skillId"],
             "properties": {"conversationId": {"type": "string"}, "skillId": {"type": "string"},
                            "consumer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}}
            """;
    public static final String SAMPLE = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    private static long nextServiceId = 1000;

    private TestEvents() {
    }

    /** A System Messages event: limit 1 per skill, async. */
    public static EventTypeDefinition conversationEnd() {
        return new EventTypeDefinition("messaging_conversation_end", "Messaging Conversation End", "closed", "System Messages",
                1, true, "/skillId", InvocationMode.ASYNC, SCHEMA, SAMPLE, "{}", "/events/system-messages/conversation-end");
    }

    /** A Third-Party Bots event: limit 15, no skills, sync. */
    public static EventTypeDefinition customIntegration() {
        return new EventTypeDefinition("third_party_bots_custom_integration", "Custom Integration", "bot", "Third-Party Bots",
                15, false, null, InvocationMode.SYNC, SCHEMA, SAMPLE, "{}", "/events/bots/custom-integration");
    }

    /** A sync event with skills (limit 2) to test per-skill selection of synchronous dispatch. */
    public static EventTypeDefinition syncWithSkills(String id, int limit) {
        return new EventTypeDefinition(id, id, "test", "Test", limit, true, "/skillId", InvocationMode.SYNC, SCHEMA, SAMPLE, "{}", "/t");
    }

    public static EventTypeDefinition withoutSkills(String id, int limit, InvocationMode mode) {
        return new EventTypeDefinition(id, id, "test", "Test", limit, false, null, mode, SCHEMA, SAMPLE, "{}", "/t");
    }

    /** Registers the definition as a provider service would be; returns the service properties for removal. */
    public static Map<String, Object> register(EventCatalogImpl catalog, EventTypeDefinition definition) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.SERVICE_ID, nextServiceId++);
        properties.put(EventTypeId.NAME, definition.id());
        catalog.addProvider(new Objects(() -> definition), properties);
        return properties;
    }

    public static void unregister(EventCatalogImpl catalog, Map<String, Object> properties) {
        catalog.removeProvider(null, properties);
    }

    /** Prototype-free service objects around one provider, as SCR hands them out. */
    public record Objects(EventTypeProvider provider) implements ComponentServiceObjects<EventTypeProvider> {
        @Override
        public EventTypeProvider getService() {
            return provider;
        }

        @Override
        public void ungetService(EventTypeProvider service) {
            // nothing to release: the provider is not a real service
        }

        @Override
        public ServiceReference<EventTypeProvider> getServiceReference() {
            throw new UnsupportedOperationException("not needed by the catalogue");
        }
    }
}
