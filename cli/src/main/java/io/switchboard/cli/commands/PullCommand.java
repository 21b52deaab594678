package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.project.EnvironmentForm;
import io.switchboard.cli.project.EventCatalog;
import io.switchboard.cli.project.FunctionConfig;
import io.switchboard.cli.project.Project;
import io.switchboard.cli.project.Scaffold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbf pull [fn...]}: writes server functions into the project. A function that exists locally keeps its
 * {@code input}, its environment form (V1 list or V2 map) and any other members of its {@code config.json}.
 */
@Command(name = "pull", description = "Write functions of the server into the project (all of the account's by default).")
public final class PullCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "fn", description = "Functions to pull (default: every function of the account).")
    List<String> names;

    @Option(names = {"-y", "--yes"}, description = "Overwrite local changes without asking.")
    boolean yes;

    public PullCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        Project project = project();
        new Scaffold(project).projectFiles();
        List<JsonNode> remote = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            api.all(api.accountPath("/functions")).forEach(remote::add);
        } else {
            names.forEach(n -> remote.add(api.requireFunction(n)));
        }
        EventCatalog events = EventCatalog.bundled();
        int result = ExitCode.OK;
        Progress progress = new Progress(environment, json(), "pull", remote.size());
        try {
            for (JsonNode listed : remote) {
                progress.next(listed.path("name").asText());
                JsonNode function = api.get(api.accountPath("/functions/" + listed.path("id").asText()));
                progress.clear();
                String name = function.path("name").asText();
                Project.LocalFunction pulled = merge(project, function, events);
                if (project.has(name) && !project.function(name).equals(pulled) && !yes
                        && !Confirm.ask(environment, "overwrite local changes of '" + name + "'?")) {
                    result = ExitCode.CANCELLED;
                    continue;
                }
                project.write(pulled);
                output.line(output.green("pulled") + " " + name + " -> functions/" + name);
            }
        } finally {
            progress.clear();
        }
        return result;
    }

    private static Project.LocalFunction merge(Project project, JsonNode function, EventCatalog events) {
        String name = function.path("name").asText();
        FunctionConfig local = project.has(name) ? project.function(name).config() : null;
        Map<String, String> env = new LinkedHashMap<>();
        function.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        String eventType = function.path("eventType").asText(null);
        JsonNode input = local != null ? local.input() : FunctionConfig.defaultInput(eventType == null ? io.switchboard.cli.Json.object()
                : events.find(eventType).map(EventCatalog.EventType::sample).orElse(io.switchboard.cli.Json.object()));
        List<String> skills = strings(function.path("skills"));
        List<String> domains = strings(function.path("allowedDomains"));
        // A local config.json without timeoutMs keeps the server's default; a new one records the server's value.
        Integer timeout = local != null && local.timeoutMs() == null ? null : Integer.valueOf(function.path("timeoutMs").asInt());
        FunctionConfig config = new FunctionConfig(name, eventType == null ? FunctionConfig.NO_EVENT : eventType,
                function.path("description").asText(""), input, env, local != null ? local.envForm() : EnvironmentForm.MAP,
                timeout, skills, domains, local != null ? local.original() : null);
        return new Project.LocalFunction(config, function.path("code").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
