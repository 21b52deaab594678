package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import io.switchboard.cli.Profile;
import io.switchboard.cli.local.LocalRun;
import io.switchboard.cli.project.Project;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sbf invoke fn [--local]}: runs a function with its {@code config.json} input, on the server or locally. */
@Command(name = "invoke", description = "Run a function with config.json's input: its deployed version on the server, or index.js locally "
        + "(--local) in the server's executor and sandbox, or the last pushed spec on the server (--draft).")
public final class InvokeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Option(names = {"-l", "--local"}, description = "Run functions/<fn>/index.js here, in the same GraalJS executor as the server.")
    boolean local;

    @Option(names = {"-d", "--draft"}, description = "Run the function on the server as last pushed (deployed or not), as a test run.")
    boolean draft;

    public InvokeCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        ObjectNode answer = local ? runLocally() : runRemotely();
        print(answer);
        return "OK".equals(answer.path("outcome").asText()) ? ExitCode.OK : ExitCode.FUNCTION_FAILED;
    }

    private ObjectNode runLocally() throws InterruptedException {
        String account = profiles().find(profile).map(Profile::account).orElse("local");
        return LocalRun.run(project(), name, account, Map.of(), null);
    }

    private ObjectNode runRemotely() {
        Api api = api();
        Project project = project();
        JsonNode input = project.has(name) ? project.function(name).config().input() : Json.object();
        String id = draft ? api.requireFunction(name).path("id").asText() : Api.encode(name);
        ObjectNode answer = (ObjectNode) api.post(api.accountPath("/functions/" + id + (draft ? "/invoke-draft" : "/invoke")), input);
        JsonNode record = api.get(api.accountPath("/invocations/" + answer.path("invocationId").asText()));
        answer.put("durationMs", record.path("durationMs").asLong());
        return answer;
    }

    void print(ObjectNode answer) {
        if (json()) {
            output.json(answer);
            return;
        }
        output.line(output.state(answer.path("outcome").asText()) + " in " + answer.path("durationMs").asLong() + " ms"
                + (local ? " (local)" : draft ? " (draft)" : " (version " + answer.path("version").asInt() + ")"));
        answer.path("logs").forEach(l -> output.line("  " + output.state(l.path("level").asText()) + " " + l.path("message").asText()
                + (l.has("extras") ? " " + Json.compact(l.get("extras")) : "")));
        output.line(answer.has("error") ? Json.pretty(answer.get("error")) : Json.pretty(answer.path("result")));
    }
}
