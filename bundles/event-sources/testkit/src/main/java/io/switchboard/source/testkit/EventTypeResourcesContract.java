package io.switchboard.source.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every event-source bundle's resources must satisfy: each folder under {@code event-types/} has a draft
 * 2020-12 payload schema, a sample that passes it and a result schema. A bundle's test extends this class.
 */
public abstract class EventTypeResourcesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @Test
    void everySamplePayloadValidatesAgainstItsSchema() throws IOException {
        for (Path folder : eventTypeFolders()) {
            JsonSchema schema = SCHEMAS.getSchema(read(folder.resolve("schema.json")));
            Set<ValidationMessage> errors = schema.validate(read(folder.resolve("sample.json")));
            assertThat(errors).as("sample of %s", folder.getFileName()).isEmpty();
        }
    }

    @Test
    void everySchemaDeclaresDraft202012AndTheResultShapeIsASchemaToo() throws IOException {
        for (Path folder : eventTypeFolders()) {
            JsonNode payload = read(folder.resolve("schema.json"));
            JsonNode result = read(folder.resolve("result.json"));
            assertThat(payload.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
            assertThat(result.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
            assertThat(SCHEMAS.getSchema(result)).isNotNull();
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRefused() throws IOException {
        for (Path folder : eventTypeFolders()) {
            JsonNode schemaNode = read(folder.resolve("schema.json"));
            String required = schemaNode.path("required").get(0).asText();
            ObjectNode sample = (ObjectNode) read(folder.resolve("sample.json"));
            sample.remove(required);
            assertThat(SCHEMAS.getSchema(schemaNode).validate(sample)).as("%s without %s", folder.getFileName(), required).isNotEmpty();
        }
    }

    /** The event-type folders of the bundle under test (its class path's {@code event-types/}). */
    protected List<Path> eventTypeFolders() throws IOException {
        URL root = getClass().getClassLoader().getResource("event-types");
        assertThat(root).as("event-types/ on the class path of %s", getClass().getName()).isNotNull();
        try (Stream<Path> folders = Files.list(Path.of(root.toURI()))) {
            List<Path> result = folders.sorted().toList();
            assertThat(result).isNotEmpty();
            return result;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
