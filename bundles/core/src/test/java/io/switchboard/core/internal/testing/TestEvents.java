package io.switchboard.core.internal.testing;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.internal.event.EventCatalogImpl;

/** Event types as event-source bundles would register them, and a way to register them in a catalogue. */
public final class TestEvents {

    public static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["conversationId"],
             "properties": {"conversationId": {"type": "string"}, "skillId": {"type": "string"},
                            "consumer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}}
            """;
    public static final String SAMPLE = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    /** The messaging commands' result schema as the System Messages folders ship it (trimmed to what tests need). */
    public static final String COMMANDS_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "anyOf": [{"type": "null"}, {"$ref": "#/$defs/command"}, {"type": "array", "items": {"$ref": "#/$defs/command"}}],
             "$defs": {"command": {"type": "object", "required": ["type"],
                "properties": {"type": {"enum": ["systemMessage", "transfer", "closeConversation"]}},
                "allOf": [{"if": {"properties": {"type": {"const": "systemMessage"}}}, "then": {"required": ["text"]}},
                          {"if": {"properties": {"type": {"const": "transfer"}}},
                           "then": {"anyOf": [{"required": ["skillId"]}, {"required": ["agentId"]}]}}]}}}
            """;

    private static long nextServiceId = 1000;

    private TestEvents() {
    }

    /** A System Messages event: limit 1 per skill, async, four retries, results passed through. */
    public static EventTypeDefinition conversationEnd() {
        return conversationEnd(4);
    }

    /** {@link #conversationEnd()} with another number of retries per function. */
    public static EventTypeDefinition conversationEnd(int retries) {
        return type("messaging_conversation_end").family("System Messages").limit(1).skills().async(retries)
                .webhook("/events/system-messages/conversation-end").build();
    }

    /** A Third-Party Bots-like event: limit 15, no skills, sync, every function runs. */
    public static EventTypeDefinition customIntegration() {
        return type("third_party_bots_custom_integration").family("Third-Party Bots").limit(15).build();
    }

    /** A sync event with skills (limit 2) to test per-skill selection of synchronous dispatch. */
    public static EventTypeDefinition syncWithSkills(String id, int limit) {
        return type(id).limit(limit).skills().build();
    }

    public static EventTypeDefinition withoutSkills(String id, int limit, InvocationMode mode) {
        Builder builder = type(id).limit(limit);
        return (mode == InvocationMode.ASYNC ? builder.async(4) : builder).build();
    }

    /** A test event type: SYNC, no skills, selection ALL, results passed through ({@code SINGLE}, any result); change what a test needs. */
    public static Builder type(String id) {
        return new Builder(id);
    }

    /** Builds test event types. */
    public static final class Builder {
        private final String id;
        private String family = "Test";
        private int limit = 10;
        private boolean skills;
        private InvocationMode mode = InvocationMode.SYNC;
        private EventSelection selection = EventSelection.ALL;
        private int retries;
        private ResultDelivery delivery = ResultDelivery.SINGLE;
        private String resultSchema = "{}";
        private String webhook = "/events/test";

        Builder(String id) {
            this.id = id;
        }

        public Builder family(String value) {
            family = value;
            return this;
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        /** Functions may be restricted to skills; selection by skill. */
        public Builder skills() {
            skills = true;
            selection = EventSelection.SKILL;
            return this;
        }

        public Builder async(int retriesPerFunction) {
            mode = InvocationMode.ASYNC;
            retries = retriesPerFunction;
            return this;
        }

        public Builder selection(EventSelection value) {
            selection = value;
            return this;
        }

        public Builder delivery(ResultDelivery value, String schema) {
            delivery = value;
            resultSchema = schema;
            return this;
        }

        public Builder webhook(String value) {
            webhook = value;
            return this;
        }

        public EventTypeDefinition build() {
            return new EventTypeDefinition(id, id + " (test)", "test", family, limit, skills, mode, selection, retries, delivery, SCHEMA,
                    SAMPLE, resultSchema, webhook);
        }
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
