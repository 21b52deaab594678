package io.switchboard.eventtypes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.eventtypes.api.EventTypeFolder;
import io.switchboard.eventtypes.api.EventTypeFolders;
import io.switchboard.eventtypes.api.InvalidEventTypeFolderException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

    private static final String DEFINITION = """
            {"id": "parcel_delivered", "name": "Parcel Delivered", "description": "A carrier delivered a parcel",
             "family": "Parcels", "configurationPid": "com.example.parcels", "mode": "ASYNC",
             "webhookPath": "/events/parcels/delivered", "limit": 2, "skills": true, "selection": "SKILL",
             "retries": 3, "delivery": "COMMANDS"}
            """;

    private final Map<String, String> files = new HashMap<>(Map.of(
            EventTypeFolders.DEFINITION, DEFINITION,
            EventTypeFolders.SCHEMA, "{\"type\": \"object\"}",
            EventTypeFolders.SAMPLE, "{\"parcelId\": \"P-1\"}",
            EventTypeFolders.RESULT_SCHEMA, "{}"));

    private EventTypeFolder read(String folder) {
        return EventTypeFolders.read(folder, name -> Optional.ofNullable(files.get(name)));
    }

    @Test
    void aFolderBecomesTheEventTypeItDescribes() {
        EventTypeFolder folder = read("event-types/parcel_delivered");

        assertThat(folder.configurationPid()).isEqualTo("com.example.parcels");
        assertThat(folder.definition()).satisfies(d -> {
            assertThat(d.id()).isEqualTo("parcel_delivered");
            assertThat(d.displayName()).isEqualTo("Parcel Delivered");
            assertThat(d.source()).isEqualTo("Parcels");
            assertThat(d.mode()).isEqualTo(InvocationMode.ASYNC);
            assertThat(d.defaultFunctionLimit()).isEqualTo(2);
            assertThat(d.supportsSkills()).isTrue();
            assertThat(d.selection()).isEqualTo(EventSelection.SKILL);
            assertThat(d.retries()).isEqualTo(3);
            assertThat(d.delivery()).isEqualTo(ResultDelivery.COMMANDS);
            assertThat(d.samplePayload()).isEqualTo("{\"parcelId\": \"P-1\"}");
            assertThat(d.webhookPath()).isEqualTo("/events/parcels/delivered");
        });
    }

    @Test
    void aMissingFileIsNamed() {
        files.remove(EventTypeFolders.RESULT_SCHEMA);

        assertThatThrownBy(() -> read("event-types/parcel_delivered")).isInstanceOf(InvalidEventTypeFolderException.class)
                .hasMessage("event type folder event-types/parcel_delivered has no result-schema.json");
    }

    @Test
    void aFileThatIsNotJsonIsNamed() {
        files.put(EventTypeFolders.SAMPLE, "{\"parcelId\": ");

        assertThatThrownBy(() -> read("event-types/parcel_delivered")).hasMessageContaining("sample.json is not JSON");
    }

    @Test
    void everyWrongKeyOfTheDefinitionIsNamedAtOnce() {
        files.put(EventTypeFolders.DEFINITION, """
                {"id": "Parcel", "name": "", "family": "Parcels", "mode": "LATER", "limit": -1, "skills": "yes",
                 "selection": "SKILL", "retries": 1.5, "delivery": "COMMANDS", "colour": "blue"}
                """);

        assertThatThrownBy(() -> read("event-types/parcel_delivered")).isInstanceOf(InvalidEventTypeFolderException.class)
                .hasMessageContaining("unknown key \"colour\"")
                .hasMessageContaining("\"id\" 'Parcel' is not a snake_case id")
                .hasMessageContaining("\"name\" must be a non-empty text")
                .hasMessageContaining("\"mode\" must be one of [SYNC, ASYNC], not 'LATER'")
                .hasMessageContaining("\"limit\" must be a whole number >= 0, not -1")
                .hasMessageContaining("\"retries\" must be a whole number >= 0, not 1.5")
                .hasMessageContaining("\"skills\" must be true or false, not \"yes\"");
    }

    @Test
    void theFoldersNameIsTheId() {
        assertThatThrownBy(() -> read("event-types/parcel_lost")).hasMessageContaining("differs from the folder's name 'parcel_lost'");
    }

    @Test
    void aPidWithAHyphenIsRefusedBecauseFileInstallWouldReadItsFileAsAFactoryConfiguration() {
        files.put(EventTypeFolders.DEFINITION, DEFINITION.replace("com.example.parcels", "com.example.parcel-source"));

        assertThatThrownBy(() -> read("event-types/parcel_delivered")).hasMessageContaining("factory configuration");
    }

    @Test
    void aCommandOrBotTypeMustBeSynchronous() {
        files.put(EventTypeFolders.DEFINITION, DEFINITION.replace("\"skills\": true", "\"skills\": false").replace("\"SKILL\"", "\"BOT\""));

        assertThatThrownBy(() -> read("event-types/parcel_delivered")).hasMessageContaining("its mode must be SYNC");
    }
}
