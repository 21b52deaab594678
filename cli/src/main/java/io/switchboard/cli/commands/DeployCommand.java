package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;
import picocli.CommandLine.Command;

/** {@code sbf deploy [fn...]}. */
@Command(name = "deploy", description = "Make functions productive: freezes their current spec as a new version.")
public final class DeployCommand extends LifecycleCommand {
    public DeployCommand(Environment environment) {
        super(environment);
    }

    @Override
    String action() {
        return "deploy";
    }
}
