package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.CliException;
import io.switchboard.cli.Environment;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbf metrics fn --range 7d}: the server's invocation report of the function (counts per LivePerson state and
 * duration percentiles per bucket, from its per-minute rollup). A server without the report route answers 404 and the
 * command says so; it does not rebuild figures from the invocation records, which the server may purge sooner.
 */
@Command(name = "metrics", description = "Invocations per LivePerson state and duration percentiles over a range "
        + "(1h, 24h, 7d (default), 30d); -o json|csv.")
public final class MetricsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Option(names = {"-r", "--range"}, defaultValue = "7d", description = "1h, 24h, 7d or 30d (default 7d).")
    String range;

    public MetricsCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        if (!ReportView.RANGES.contains(range)) {
            throw new CliException(ExitCode.USAGE, "--range must be one of " + String.join(", ", ReportView.RANGES) + ", not '" + range + "'");
        }
        Api api = api();
        String id = api.requireFunction(name).path("id").asText();
        JsonNode report = api.get(api.accountPath("/functions/" + id + "/report?range=" + range));
        ReportView view = new ReportView(report);
        if (format == OutputFormat.json) {
            ObjectNode answer = report.deepCopy();
            output.json(answer.put("function", name));
        } else if (format == OutputFormat.csv) {
            view.csv().forEach(output::line);
        } else {
            output.line(name + ": " + report.path("from").asText() + " to " + report.path("to").asText() + ", buckets of "
                    + report.path("bucketSeconds").asLong() / 60 + " min");
            output.table(ReportView.HEADERS, view.busyBucketsAndTotal());
        }
        return 0;
    }
}
