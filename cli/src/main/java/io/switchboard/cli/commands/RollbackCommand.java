package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.CliException;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sbf rollback fn [version]}: makes an earlier version productive (default: the one before the active one). */
@Command(name = "rollback", description = "Make an earlier deployed version productive again (default: the one before the active one).")
public final class RollbackCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "version")
    Integer version;

    public RollbackCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        String id = api.requireFunction(name).path("id").asText();
        int target = version != null ? version : previous(api, id);
        JsonNode answer = api.post(api.accountPath("/functions/" + id + "/rollback"), Json.object().put("version", target));
        if (json()) {
            output.json(answer);
        } else {
            output.line(name + ": version " + target + " is " + output.state(answer.path("state").asText()));
        }
        return 0;
    }

    private static int previous(Api api, String id) {
        JsonNode versions = api.get(api.accountPath("/functions/" + id + "/versions")).path("items");
        int active = 0;
        for (JsonNode v : versions) {
            if (v.path("active").asBoolean()) {
                active = v.path("version").asInt();
            }
        }
        int best = 0;
        for (JsonNode v : versions) {
            int n = v.path("version").asInt();
            if (n < active && n > best) {
                best = n;
            }
        }
        if (best == 0) {
            throw new CliException(ExitCode.USAGE, "no version before the active one (" + active + ") to roll back to; name one");
        }
        return best;
    }
}
