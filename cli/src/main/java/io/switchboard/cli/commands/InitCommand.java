package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.CliException;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import io.switchboard.cli.project.EventCatalog;
import io.switchboard.cli.project.FunctionConfig;
import io.switchboard.cli.project.Project;
import io.switchboard.cli.project.Scaffold;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sbf init [name...]}: a project in LivePerson's layout, offline (the event types ship inside the CLI). */
@Command(name = "init", description = "Create a project (README, .gitignore, editor settings, functions/settings.json) and functions in it.")
public final class InitCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "name", description = "Functions to create (letters, digits, _ and -).")
    List<String> names;

    @Option(names = {"-e", "--event"}, description = "The event the new functions are for (see 'sbf get events'); default: No Event.",
            defaultValue = FunctionConfig.NO_EVENT)
    String event;

    @Option(names = {"-d", "--description"}, description = "Description of the new functions.", defaultValue = "")
    String description;

    public InitCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Project project = new Project(environment.workingDirectory());
        Scaffold scaffold = new Scaffold(project);
        scaffold.projectFiles();
        JsonNode sample = Json.object();
        if (!FunctionConfig.NO_EVENT.equalsIgnoreCase(event)) {
            sample = EventCatalog.bundled().require(event).sample();
        }
        for (String name : names == null ? List.<String>of() : names) {
            if (!name.matches("[A-Za-z0-9_-]{1,50}")) {
                throw new CliException(ExitCode.USAGE, "'" + name + "' is not a function name: 1 to 50 letters, digits, _ or -");
            }
            if (project.has(name)) {
                output.line("functions/" + name + " exists; left as it is");
                continue;
            }
            scaffold.function(name, event, description, sample, null);
            output.line(output.green("created") + " functions/" + name + "/index.js and config.json");
        }
        output.line("project ready in " + project.root());
        return 0;
    }
}
