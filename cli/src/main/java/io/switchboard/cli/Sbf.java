package io.switchboard.cli;

import io.switchboard.cli.commands.CompletionCommand;
import io.switchboard.cli.commands.CreateFunctionCommand;
import io.switchboard.cli.commands.CreateScheduleCommand;
import io.switchboard.cli.commands.DebugCommand;
import io.switchboard.cli.commands.DeployCommand;
import io.switchboard.cli.commands.GetCommand;
import io.switchboard.cli.commands.InitCommand;
import io.switchboard.cli.commands.InvokeCommand;
import io.switchboard.cli.commands.LoginCommand;
import io.switchboard.cli.commands.LogoutCommand;
import io.switchboard.cli.commands.LogsCommand;
import io.switchboard.cli.commands.MetricsCommand;
import io.switchboard.cli.commands.PullCommand;
import io.switchboard.cli.commands.PushCommand;
import io.switchboard.cli.commands.RollbackCommand;
import io.switchboard.cli.commands.UndeployCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sbf}: the developer CLI of Switchboard, modelled on LivePerson's {@code lpf}. */
@Command(name = "sbf", mixinStandardHelpOptions = true, versionProvider = Sbf.Version.class,
        description = "Work on Switchboard functions from a terminal and a Git repository (LivePerson lpf's project layout).",
        subcommands = {InitCommand.class, LoginCommand.class, LogoutCommand.class, PullCommand.class, PushCommand.class,
                DeployCommand.class, UndeployCommand.class, RollbackCommand.class, GetCommand.class, CreateFunctionCommand.class,
                CreateScheduleCommand.class, LogsCommand.class, MetricsCommand.class, InvokeCommand.class, DebugCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  the function ran and failed (ERROR, TIMEOUT, REJECTED)", "  2  usage error",
                "  3  the server answered an error (its problem detail is printed)", "  4  the server could not be reached",
                "  5  project or profile problem (missing file, not logged in)", "  6  cancelled (push not confirmed)"})
public final class Sbf implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new Environment(), args));
    }

    /** Runs one command line and returns its exit code; tests call this with an environment of their own. */
    public static int execute(Environment environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /** The command tree, with the environment every command reads its streams, folders and profiles from. */
    public static CommandLine commandLine(Environment environment) {
        CommandLine line = new CommandLine(new Sbf(), new EnvironmentFactory(environment));
        line.setOut(environment.out());
        line.setErr(environment.err());
        line.setExecutionExceptionHandler(new Failures(environment));
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest (the build's version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Sbf.class.getPackage().getImplementationVersion();
            return new String[] {"sbf " + (version == null ? "(development build)" : version)};
        }
    }
}
