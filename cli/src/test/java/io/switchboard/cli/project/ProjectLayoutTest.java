package io.switchboard.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.CliException;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import io.switchboard.cli.Sbf;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {
    @TempDir
    Path dir;

    /** A function folder as LivePerson's lpf V1 writes it: environmentVariables as a list of {key, value}. */
    private void writeLpfV1Function() throws Exception {
        Path fn = Files.createDirectories(dir.resolve("functions/greeter"));
        Files.writeString(fn.resolve("index.js"), "function lambda(input, callback) { callback(null, {hi: process.env.WHO}); }\n");
        Files.writeString(fn.resolve("config.json"), """
                {
                  "name": "greeter",
                  "event": "No Event",
                  "description": "says hi",
                  "input": {"headers": [], "payload": {"name": "Ada"}},
                  "environmentVariables": [{"key": "WHO", "value": "world"}, {"key": "", "value": ""}]
                }
                """);
        Files.writeString(dir.resolve("functions/settings.json"), """
                {"secrets": [{"key": "crm-token", "value": "s3cr3t"}, {"key": "app", "value": {"consumerKey": "ck"}}],
                 "whitelist": ["*.liveperson.net"]}
                """);
    }

    @Test
    void anLpfV1ProjectIsReadWithItsListOfEnvironmentVariables() throws Exception {
        writeLpfV1Function();
        Project project = Project.around(dir.resolve("functions/greeter"));
        assertThat(project.root()).isEqualTo(dir.toAbsolutePath());
        Project.LocalFunction fn = project.function("greeter");
        assertThat(fn.config().envForm()).isEqualTo(EnvironmentForm.LIST);
        assertThat(fn.config().env()).containsExactly(java.util.Map.entry("WHO", "world"));
        JsonNode spec = fn.config().spec(fn.code());
        assertThat(spec.has("eventType")).isFalse();
        assertThat(spec.path("env").path("WHO").asText()).isEqualTo("world");
        assertThat(spec.path("description").asText()).isEqualTo("says hi");
        assertThat(project.settings().secrets()).containsKeys("crm-token", "app");
        assertThat(project.settings().allowList()).containsExactly("*.liveperson.net");
    }

    @Test
    void anLpfV2ProjectIsReadWithItsMapAndWrittenBackInTheSameForm() throws Exception {
        Path fn = Files.createDirectories(dir.resolve("functions/closer"));
        Files.writeString(fn.resolve("index.js"), "async function lambda(input) { return 'x'; }\n");
        Files.writeString(fn.resolve("config.json"), """
                {"name": "closer", "event": "controllerbot_messaging_conversation_end", "description": "",
                 "input": {"headers": [], "payload": {}}, "environmentVariables": {"MODE": "test"}, "runtime": "nodejs22"}
                """);
        Project project = new Project(dir);
        FunctionConfig config = project.function("closer").config();
        assertThat(config.envForm()).isEqualTo(EnvironmentForm.MAP);
        assertThat(config.eventType()).isEqualTo("controllerbot_messaging_conversation_end");
        project.write(project.function("closer"));
        JsonNode written = Json.read(fn.resolve("config.json"));
        assertThat(written.path("environmentVariables").path("MODE").asText()).isEqualTo("test");
        assertThat(written.path("runtime").asText()).as("members sbf does not know are kept").isEqualTo("nodejs22");
    }

    @Test
    void aFolderWhoseConfigNamesAnotherFunctionIsRefused() throws Exception {
        writeLpfV1Function();
        Files.move(dir.resolve("functions/greeter"), dir.resolve("functions/other"));
        assertThatThrownBy(() -> new Project(dir).function("other")).isInstanceOf(CliException.class)
                .hasMessageContaining("\"name\" is 'greeter' but the folder is 'other'");
    }

    @Test
    void initMakesLpfsLayoutWithTheEventsSampleAsInput() throws Exception {
        StringWriter out = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(new StringWriter()),
                new BufferedReader(new StringReader("")), dir, dir.resolve("cfg"), false);
        int code = Sbf.execute(environment, "init", "closer", "-e", "controllerbot_messaging_conversation_end");
        assertThat(code).isZero();
        for (String file : new String[] {"README.md", ".gitignore", ".editorconfig", ".vscode/settings.json", "functions/settings.json",
                "functions/closer/index.js", "functions/closer/config.json"}) {
            assertThat(dir.resolve(file)).exists();
        }
        JsonNode config = Json.read(dir.resolve("functions/closer/config.json"));
        JsonNode sample = Json.read(Path.of("target/generated-resources/event-types/event-types/controllerbot_messaging_conversation_end/sample.json"));
        assertThat(config.path("input").path("payload")).isEqualTo(sample);
        assertThat(config.path("event").asText()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains("functions/settings.json");
    }

    @Test
    void theShippedCatalogueHasEveryEventSourcesTypes() {
        assertThat(EventCatalog.bundled().all()).containsKeys("controllerbot_messaging_conversation_end", "bot_connectors_custom_integration");
    }
}
