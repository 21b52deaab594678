package io.switchboard.cli;

import picocli.CommandLine;

/** Turns a failed command into its message on stderr and its documented exit code (no stack trace for the user). */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final Environment environment;

    Failures(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        if (e instanceof ApiException api) {
            environment.err().println("sbf: " + api.getMessage());
            environment.err().println(Json.pretty(api.problem()));
            return api.exitCode();
        }
        if (e instanceof CliException cli) {
            environment.err().println("sbf: " + cli.getMessage());
            return cli.exitCode();
        }
        environment.err().println("sbf: " + e);
        if (System.getenv("SBF_DEBUG") != null) {
            e.printStackTrace(environment.err());
        }
        return ExitCode.PROJECT;
    }
}
