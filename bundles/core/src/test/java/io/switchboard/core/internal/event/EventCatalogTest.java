package io.switchboard.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class EventCatalogTest {

    private final JdbcDatabase database = TestDatabase.inMemory();
    private final EventCatalogImpl catalog = new EventCatalogImpl(new LimitAuditor(database),
            TestConfigs.config(EventCatalogImpl.Config.class, "overrides", new String[] {"messaging_conversation_end=3"}));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eventTypesComeAndGoWithTheirProviders() {
        Map<String, Object> registration = TestEvents.register(catalog, TestEvents.customIntegration());

        assertThat(catalog.list()).extracting(v -> v.definition().id()).containsExactly("third_party_bots_custom_integration");
        TestEvents.unregister(catalog, registration);
        assertThat(catalog.list()).isEmpty();
        assertThat(catalog.get("third_party_bots_custom_integration")).isEmpty();
    }

    @Test
    void theLimitIsTheDefaultUnlessOverridden() {
        TestEvents.register(catalog, TestEvents.conversationEnd());
        TestEvents.register(catalog, TestEvents.customIntegration());

        assertThat(catalog.get("messaging_conversation_end")).map(EventTypeView::effectiveLimit).contains(3);
        assertThat(catalog.get("third_party_bots_custom_integration")).map(EventTypeView::effectiveLimit).contains(15);
    }

    @Test
    void aSecondRegistrationOfAnIdIsRefusedUntilTheFirstGoesAway() {
        Map<String, Object> first = TestEvents.register(catalog, TestEvents.withoutSkills("dup", 1, InvocationMode.SYNC));
        TestEvents.register(catalog, TestEvents.withoutSkills("dup", 7, InvocationMode.ASYNC));

        assertThat(catalog.get("dup")).map(EventTypeView::effectiveLimit).contains(1);
        TestEvents.unregister(catalog, first);
        assertThat(catalog.get("dup")).map(EventTypeView::effectiveLimit).contains(7);
    }

    @Test
    void providersWithoutOrWithAMismatchedIdPropertyAreIgnored() {
        EventTypeDefinition definition = TestEvents.customIntegration();
        Map<String, Object> noId = new HashMap<>(Map.of(Constants.SERVICE_ID, 1L));
        Map<String, Object> wrongId = new HashMap<>(Map.of(Constants.SERVICE_ID, 2L, EventTypeId.NAME, "other"));

        catalog.addProvider(new TestEvents.Objects(() -> definition), noId);
        catalog.addProvider(new TestEvents.Objects(() -> definition), wrongId);

        assertThat(catalog.list()).isEmpty();
    }
}
