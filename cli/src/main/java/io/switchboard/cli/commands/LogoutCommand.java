package io.switchboard.cli.commands;

import io.switchboard.cli.Environment;
import io.switchboard.cli.Profile;
import picocli.CommandLine.Command;

/** {@code sbf logout}: forgets a profile and its key. */
@Command(name = "logout", description = "Remove a profile (default: the current one) and its key from this machine.")
public final class LogoutCommand extends BaseCommand {
    public LogoutCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Profile current = profiles().require(profile);
        profiles().remove(current.name());
        output.line("logged out: profile '" + current.name() + "' removed");
        return 0;
    }
}
