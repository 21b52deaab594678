package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bin/switchboard shell}: the Gogo shell of a background run, for the admin key only. */
class RemoteShellIT {

    @Test
    void theGogoShellOfABackgroundRunAnswersTheAdminKeyOnly() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "shell"))) {
            installation.usePostgresWhenTheRunIsForIt();
            Installation.Result started = installation.run("start", Map.of(), Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
            Poll.until("data/shell.port is written", Duration.ofSeconds(30), () -> Files.exists(installation.home.resolve("data/shell.port")));

            String listing = shell(installation, Map.of(), "lb\nswitchboard:functions acme\n");
            assertThat(listing).contains("Switchboard shell").contains("|Active     |    2|Switchboard Core (")
                    .contains("Switchboard Remote Shell (").doesNotContain("error:");

            // help shows the @Descriptor texts of the switchboard: commands and their parameters.
            String help = shell(installation, Map.of(), "help switchboard:functions\nhelp switchboard:schedule\n");
            assertThat(help).contains("lists the functions of an account")
                    .contains("schedules a deployed function on a cron expression in a time zone")
                    .contains("five-field cron expression").contains("time zone, e.g. Europe/Berlin");

            String refused = shell(installation, Map.of("SWITCHBOARD_ADMIN_KEY", "not-the-admin-key"), "lb\n");
            assertThat(refused).contains("refused: the first line must be the admin key").doesNotContain("Switchboard Core (");
        }
    }

    private static String shell(Installation installation, Map<String, String> environment, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(installation.home.resolve("bin/switchboard").toString(), "shell").redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return output;
    }
}
