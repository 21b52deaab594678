package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.CliException;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import io.switchboard.cli.project.EventCatalog;
import io.switchboard.cli.project.FunctionConfig;
import io.switchboard.cli.project.Project;
import io.switchboard.cli.project.Scaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sbf create:function -n name [-e event] [-t template]}: a new function folder from a template of the server's
 * catalogue (the event's default template unless one is named), with the event's sample as its input. As with
 * {@code lpf create:function}, nothing is created on the server until {@code sbf push}.
 */
@Command(name = "create:function", description = "Create a function folder from a template of the server (then: sbf push).")
public final class CreateFunctionCommand extends BaseCommand {
    @Option(names = {"-n", "--name"}, required = true)
    String name;

    @Option(names = {"-e", "--event"}, defaultValue = FunctionConfig.NO_EVENT, description = "Event id (default: No Event).")
    String event;

    @Option(names = {"-d", "--description"}, defaultValue = "")
    String description;

    @Option(names = {"-t", "--template"}, description = "Template id (see 'sbf get templates'); default: the event's default template.")
    String template;

    public CreateFunctionCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Project project = project();
        if (project.has(name)) {
            throw new CliException(ExitCode.PROJECT, "functions/" + name + " exists already");
        }
        Api api = api();
        String id = template != null ? template : defaultTemplate(api);
        JsonNode chosen = api.get("/templates/" + Api.encode(id));
        String eventId = chosen.hasNonNull("eventType") ? chosen.path("eventType").asText() : event;
        JsonNode sample = FunctionConfig.NO_EVENT.equalsIgnoreCase(eventId) ? Json.object()
                : EventCatalog.bundled().find(eventId).map(EventCatalog.EventType::sample)
                        .orElseGet(() -> api.get("/event-types/" + Api.encode(eventId)).path("samplePayload"));
        new Scaffold(project).projectFiles();
        new Scaffold(project).function(name, eventId, description.isEmpty() ? chosen.path("description").asText("") : description,
                sample, chosen.path("code").asText());
        output.line(output.green("created") + " functions/" + name + " from template '" + id + "' (push it: sbf push " + name + ")");
        return 0;
    }

    private String defaultTemplate(Api api) {
        String filter = FunctionConfig.NO_EVENT.equalsIgnoreCase(event) ? "none" : event;
        JsonNode items = api.get("/templates?eventType=" + Api.encode(filter)).path("items");
        if (items.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "no template for event '" + event + "'; name one with -t (sbf get templates)");
        }
        return items.get(0).path("id").asText();
    }
}
