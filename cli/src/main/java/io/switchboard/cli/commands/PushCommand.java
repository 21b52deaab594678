package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import io.switchboard.cli.project.Project;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sbf push [fn...]}: creates or updates functions by name; shows what changes and asks unless {@code -y}. */
@Command(name = "push", description = "Create or update functions on the server from the project (by name); shows a diff and asks unless -y.")
public final class PushCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "fn", description = "Functions to push (default: all of the project).")
    List<String> names;

    @Option(names = {"-y", "--yes"}, description = "Do not ask.")
    boolean yes;

    public PushCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        Project project = project();
        ObjectNode summary = Json.object();
        int result = ExitCode.OK;
        List<String> selected = project.selected(names);
        Progress progress = new Progress(environment, json(), "push", selected.size());
        try {
            for (String name : selected) {
                progress.next(name);
                Project.LocalFunction local = project.function(name);
                ObjectNode spec = local.config().spec(local.code());
                Optional<JsonNode> remote = api.functionByName(name);
                if (remote.isEmpty()) {
                    progress.clear();
                    if (!confirm("create function '" + name + "'?")) {
                        result = ExitCode.CANCELLED;
                        continue;
                    }
                    JsonNode created = api.post(api.accountPath("/functions"), spec);
                    summary.put(name, "created");
                    output.line(output.green("created") + " " + name + " (" + created.path("id").asText() + ")");
                    continue;
                }
                String id = remote.get().path("id").asText();
                JsonNode current = api.get(api.accountPath("/functions/" + id));
                progress.clear();
                List<String> diff = LineDiff.of(SpecText.of(current, spec.has("timeoutMs")), SpecText.of(spec, spec.has("timeoutMs")));
                if (diff.stream().allMatch(l -> l.startsWith("  "))) {
                    summary.put(name, "unchanged");
                    output.line(name + " unchanged");
                    continue;
                }
                if (!json()) {
                    output.line(output.bold("--- " + name + " (server)  +++ " + name + " (project)"));
                    diff.stream().filter(l -> !l.startsWith("  ")).forEach(l -> output.line(l.startsWith("+") ? output.green(l) : output.red(l)));
                }
                if (!confirm("update function '" + name + "'?")) {
                    result = ExitCode.CANCELLED;
                    continue;
                }
                api.put(api.accountPath("/functions/" + id), spec);
                summary.put(name, "updated");
                output.line(output.green("updated") + " " + name + " (deploy it to make the change productive: sbf deploy " + name + ")");
            }
        } finally {
            progress.clear();
        }
        if (json()) {
            output.json(summary);
        }
        return result;
    }

    private boolean confirm(String question) {
        return yes || Confirm.ask(environment, question);
    }
}
