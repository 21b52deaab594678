package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import java.util.List;
import picocli.CommandLine.Parameters;

/** Deploy and undeploy: one POST per named function (default: every function of the project). */
abstract class LifecycleCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "fn", description = "Functions (default: all of the project).")
    List<String> names;

    LifecycleCommand(Environment environment) {
        super(environment);
    }

    abstract String action();

    @Override
    public Integer call() {
        Api api = api();
        ArrayNode answers = Json.mapper().createArrayNode();
        List<String> selected = project().selected(names);
        Progress progress = new Progress(environment, json(), action(), selected.size());
        try {
            for (String name : selected) {
                progress.next(name);
                JsonNode function = api.requireFunction(name);
                JsonNode answer = api.post(api.accountPath("/functions/" + function.path("id").asText() + "/" + action()), null);
                progress.clear();
                answers.add(answer);
                if (!json()) {
                    output.line(name + ": " + output.state(answer.path("state").asText()) + " (deployed version "
                            + answer.path("deployedVersion").asInt() + ")");
                }
            }
        } finally {
            progress.clear();
        }
        if (json()) {
            output.json(answers);
        }
        return 0;
    }
}
