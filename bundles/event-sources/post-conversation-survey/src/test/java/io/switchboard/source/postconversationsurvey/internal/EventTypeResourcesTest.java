package io.switchboard.source.postconversationsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every event type this bundle ships has a draft 2020-12 payload schema, a sample that passes it, and a result schema. */
class EventTypeResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

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
            assertThat(payload.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(result.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(SCHEMAS.getSchema(result)).isNotNull();
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRefused() throws IOException {
        for (Path folder : eventTypeFolders()) {
            JsonNode schemaNode = read(folder.resolve("schema.json"));
            String required = schemaNode.path("required").get(0).asText();
            com.fasterxml.jackson.databind.node.ObjectNode sample = (com.fasterxml.jackson.databind.node.ObjectNode) read(folder.resolve("sample.json"));
            sample.remove(required);
            assertThat(SCHEMAS.getSchema(schemaNode).validate(sample)).as("%s without %s", folder.getFileName(), required).isNotEmpty();
        }
    }

    static List<Path> eventTypeFolders() throws IOException {
        try {
            Path root = Path.of(EventTypeResourcesTest.class.getClassLoader().getResource("event-types").toURI());
            try (Stream<Path> folders = Files.list(root)) {
                List<Path> result = folders.sorted().toList();
                assertThat(result).isNotEmpty();
                return result;
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
