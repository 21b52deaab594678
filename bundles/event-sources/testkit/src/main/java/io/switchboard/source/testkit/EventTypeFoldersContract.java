package io.switchboard.source.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.eventtypes.api.EventTypeFolder;
import io.switchboard.eventtypes.api.EventTypeFolders;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * What every event-source bundle's folders must satisfy: the manifest names them, each reads as a definition, its
 * sample passes its payload schema (also with a field LivePerson may add later), its schemas are draft 2020-12, and
 * the results the family's test names as valid (LivePerson's documented results) pass the result schema while the
 * broken ones do not. A bundle's test extends this class.
 */
public abstract class EventTypeFoldersContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /** The event type ids the bundle ships, in folder order. */
    protected abstract List<String> expectedIds();

    /** Results that keep each type's contract (LivePerson's documented ones), by event type id. */
    protected abstract Map<String, List<String>> validResults();

    /** Results that break each type's contract, by event type id. */
    protected abstract Map<String, List<String>> brokenResults();

    /** Payloads of a confirmed field of the wrong type, refused by each type's schema, by event type id. */
    protected abstract Map<String, List<String>> refusedPayloads();

    protected final Bundle bundle() {
        return ClassPathBundle.of(getClass());
    }

    protected final List<EventTypeFolder> folders() {
        Bundle bundle = bundle();
        return EventTypeFolders.folders(bundle).stream().map(folder -> EventTypeFolders.read(bundle, folder)).toList();
    }

    @Test
    void theManifestNamesTheFoldersAndEachReadsAsItsEventType() {
        assertThat(folders()).extracting(f -> f.definition().id()).containsExactlyElementsOf(expectedIds());
    }

    @Test
    void everySampleAndTheSampleWithAFieldLivePersonMayAddPassTheSchema() throws IOException {
        for (EventTypeFolder folder : folders()) {
            EventTypeDefinition type = folder.definition();
            JsonSchema schema = SCHEMAS.getSchema(JSON.readTree(type.payloadSchema()));
            JsonNode sample = JSON.readTree(type.samplePayload());
            assertThat(schema.validate(sample)).as("sample of %s", type.id()).isEmpty();
            ((ObjectNode) sample).put("fieldLivePersonAddedLater", "x");
            assertThat(schema.validate(sample)).as("sample of %s with an unknown field", type.id()).isEmpty();
        }
    }

    @Test
    void everySchemaDeclaresDraft202012() throws IOException {
        for (EventTypeFolder folder : folders()) {
            assertThat(JSON.readTree(folder.definition().payloadSchema()).path("$schema").asText()).as(folder.folder()).isEqualTo(DRAFT_2020_12);
            assertThat(JSON.readTree(folder.definition().resultSchema()).path("$schema").asText()).as(folder.folder()).isEqualTo(DRAFT_2020_12);
        }
    }

    @Test
    void livePersonsResultsKeepTheContractAndBrokenOnesDoNot() throws IOException {
        for (EventTypeFolder folder : folders()) {
            EventTypeDefinition type = folder.definition();
            JsonSchema schema = SCHEMAS.getSchema(JSON.readTree(type.resultSchema()));
            for (String result : validResults().getOrDefault(type.id(), List.of())) {
                assertThat(schema.validate(JSON.readTree(result))).as("%s result %s", type.id(), result).isEmpty();
            }
            for (String result : brokenResults().getOrDefault(type.id(), List.of())) {
                assertThat(schema.validate(JSON.readTree(result))).as("%s result %s", type.id(), result).isNotEmpty();
            }
        }
        assertThat(validResults().keySet()).as("every type has valid results named").containsExactlyInAnyOrderElementsOf(expectedIds());
    }

    @Test
    void aConfirmedFieldOfTheWrongTypeIsRefused() throws IOException {
        for (EventTypeFolder folder : folders()) {
            JsonSchema schema = SCHEMAS.getSchema(JSON.readTree(folder.definition().payloadSchema()));
            for (String payload : refusedPayloads().getOrDefault(folder.definition().id(), List.of())) {
                assertThat(schema.validate(JSON.readTree(payload))).as("%s payload %s", folder.definition().id(), payload).isNotEmpty();
            }
        }
    }
}
