package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsingTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.run(dir, dir, "", "push", "--bogus");
        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("Unknown option: '--bogus'");
    }

    @Test
    void getRefusesWhatItCannotList() {
        CliRun run = CliRun.run(dir, dir, "", "get", "widgets");
        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("functions, deployments, events, templates, account");
    }

    @Test
    void metricsTakesOnlyTheReportRanges() {
        CliRun run = CliRun.run(dir, dir, "", "metrics", "hello", "--range", "1d");
        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("1h, 24h, 7d, 30d").contains("'1d'");
    }

    @Test
    void loginNeedsUrlAccountAndKey() {
        CliRun run = CliRun.run(dir, dir, "", "login", "--url", "http://localhost:8181");
        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("--account").contains("--key");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRun run = CliRun.run(dir, dir, "", "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("create:function", "create:schedule", "invoke", "metrics", "Exit codes:",
                "3  the server answered an error");
    }

    @Test
    void completionIsABashScriptNamingTheCommands() {
        CliRun run = CliRun.run(dir, dir, "", "completion", "bash");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("complete -F").contains("create:schedule");
    }
}
