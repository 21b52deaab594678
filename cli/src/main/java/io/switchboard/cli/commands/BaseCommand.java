package io.switchboard.cli.commands;

import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Output;
import io.switchboard.cli.OutputFormat;
import io.switchboard.cli.Profiles;
import io.switchboard.cli.project.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What every command shares: its environment, the profile to use and the output format. */
abstract class BaseCommand implements Callable<Integer> {
    protected final Environment environment;
    protected final Output output;

    @Option(names = "--profile", description = "The login profile to use (default: the current one).")
    String profile;

    @Option(names = {"-o", "--output"}, description = "table (default), json or csv (metrics).", defaultValue = "table")
    OutputFormat format;

    BaseCommand(Environment environment) {
        this.environment = environment;
        this.output = new Output(environment);
    }

    protected Profiles profiles() {
        return new Profiles(environment.configDirectory());
    }

    protected Api api() {
        return new Api(profiles().require(profile));
    }

    protected Project project() {
        return Project.around(environment.workingDirectory());
    }

    protected boolean json() {
        return format == OutputFormat.json;
    }
}
