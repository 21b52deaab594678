package io.switchboard.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes what {@code sbf init} makes: the project files LivePerson's {@code lpf init} makes, and new function folders. */
public final class Scaffold {
    private final Project project;

    public Scaffold(Project project) {
        this.project = project;
    }

    /** The project files; existing ones are left as they are (init in an existing project only adds functions). */
    public void projectFiles() {
        writeIfAbsent(project.root().resolve("README.md"), """
                # Switchboard functions

                Each function is a folder `functions/<name>/` with `index.js` (the code) and `config.json` (name, event,
                description, `input` for local and remote test runs, `environmentVariables`). `functions/settings.json` holds
                secrets and allowed hosts for local runs only; it is not pushed.

                    sbf invoke <name> --local     # run index.js with config.json's input in Switchboard's executor
                    sbf push <name>               # create or update it on the server (shows a diff first)
                    sbf deploy <name>             # make it productive
                    sbf invoke <name>             # run the deployed version
                    sbf logs <name>               # its recent logs

                See `sbf help` and docs/cli.md of Switchboard.
                """);
        writeIfAbsent(project.root().resolve(".gitignore"), """
                # Local secrets: never commit them
                functions/settings.json
                node_modules/
                .DS_Store
                """);
        writeIfAbsent(project.root().resolve(".editorconfig"), """
                root = true

                [*]
                charset = utf-8
                end_of_line = lf
                insert_final_newline = true
                indent_style = space
                indent_size = 2
                """);
        ObjectNode vscode = Json.object();
        vscode.put("files.insertFinalNewline", true).put("editor.tabSize", 2);
        vscode.putObject("files.associations").put("config.json", "json");
        writeIfAbsent(project.root().resolve(".vscode/settings.json"), Json.pretty(vscode) + "\n");
        ObjectNode settings = Json.object();
        settings.putArray("secrets");
        settings.putArray("whitelist");
        writeIfAbsent(project.settingsFile(), Json.pretty(settings) + "\n");
    }

    /** A new function folder with starter code and the event's sample as its input. */
    public Project.LocalFunction function(String name, String event, String description, JsonNode samplePayload, String code) {
        FunctionConfig config = new FunctionConfig(name, event, description, FunctionConfig.defaultInput(samplePayload), Map.of(),
                EnvironmentForm.MAP, null, List.of(), List.of(), null);
        Project.LocalFunction function = new Project.LocalFunction(config, code != null ? code : starterCode(description));
        project.write(function);
        return function;
    }

    static String starterCode(String description) {
        return """
                /**
                 * %s
                 * input: {headers, payload}; sbf invoke uses config.json's "input".
                 */
                async function lambda(input) {
                  console.info('payload fields', Object.keys(input.payload || {}).length);
                  return { received: input.payload };
                }
                """.formatted(description == null || description.isBlank() ? "A Switchboard function." : description);
    }

    private static void writeIfAbsent(Path file, String text) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
