package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;
import picocli.CommandLine.Command;

/** {@code sbf undeploy [fn...]}. */
@Command(name = "undeploy", description = "Stop functions from running for events and invocations.")
public final class UndeployCommand extends LifecycleCommand {
    public UndeployCommand(Environment environment) {
        super(environment);
    }

    @Override
    String action() {
        return "undeploy";
    }
}
