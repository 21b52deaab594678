package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sbf create:schedule -f fn -c cron}: a schedule for a deployed function (LP's field names). */
@Command(name = "create:schedule", description = "Schedule a deployed function on a five-field cron expression.")
public final class CreateScheduleCommand extends BaseCommand {
    @Option(names = {"-f", "--function"}, required = true, description = "The function (deployed).")
    String function;

    @Option(names = {"-c", "--cron"}, required = true, description = "Five-field cron expression, e.g. '0 9 * * 1-5'.")
    String cron;

    @Option(names = {"-z", "--time-zone"}, defaultValue = "UTC", description = "Time zone of the expression (default UTC).")
    String timeZone;

    @Option(names = {"-d", "--description"}, defaultValue = "", description = "What the schedule is for.")
    String description;

    @Option(names = {"-p", "--payload"}, description = "The payload (JSON); default: the function's config.json input payload, if any.")
    String payload;

    public CreateScheduleCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        ObjectNode body = Json.object();
        body.put("functionUuid", api.requireFunction(function).path("id").asText()).put("cronExpression", cron)
                .put("isActive", true).put("description", description).put("timeZone", timeZone);
        ObjectNode invocation = body.putObject("invocationBody");
        invocation.putArray("headers");
        JsonNode chosen = payload != null ? Json.parse(payload)
                : project().has(function) ? project().function(function).config().input().path("payload") : Json.object();
        invocation.set("payload", chosen.isMissingNode() ? Json.object() : chosen);
        JsonNode created = api.post(api.accountPath("/schedules"), body);
        if (json()) {
            output.json(created);
        } else {
            output.line(output.green("scheduled") + " " + function + " '" + cron + "' (" + timeZone + "), next run "
                    + created.path("nextExecution").asText("-") + ", id " + created.path("id").asText());
        }
        return 0;
    }
}
