package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged installation, started and stopped through bin/switchboard as a separate process. */
class DistributionIT {

    private static final Path WORK = Path.of(System.getProperty("switchboard.itest.work"), "distribution");

    @Test
    void startsInTheBackgroundAnswersHealthAndStopsCleanly() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Installation.Result start = installation.run("start");

            assertThat(start.exitCode()).as(start.output()).isZero();
            assertThat(start.output()).contains("Switchboard is up on http://localhost:" + installation.port);
            assertThat(installation.run("status").exitCode()).isZero();
            assertThat(installation.get("/health").statusCode()).isEqualTo(200);

            Installation.Result stop = installation.run("stop");

            assertThat(stop.exitCode()).as(stop.output()).isZero();
            assertThat(installation.run("status").exitCode()).isEqualTo(3);
            String log = installation.log();
            assertThat(log).contains("Switchboard stopped").doesNotContain("Exception").doesNotContain(" ERROR ");
            assertThat(Files.readString(installation.home.resolve("logs/console.log"))).doesNotContain("Exception");
        }
    }

    @Test
    void configurationInEtcIsInForceBeforeTheProjectsComponentsStart() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.security.cfg"),
                    "adminKey=etc-admin-key-0123456789\n");

            assertThat(installation.run("start").exitCode()).isZero();

            // Had the core started before ConfigAdmin had etc/, it would have generated a key of its own first.
            assertThat(installation.home.resolve("data/admin.key")).doesNotExist();
            var api = new io.switchboard.itests.Api("http://127.0.0.1:" + installation.port + "/api/v1", "etc-admin-key-0123456789");
            assertThat(api.get("/event-types").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesAPortInUseWithOneLineAndExitCode3() throws Exception {
        try (Installation first = Installation.copy(WORK); Installation second = Installation.copy(WORK)) {
            assertThat(first.run("start").exitCode()).isZero();

            Installation.Result clash = second.run("run",
                    Map.of("SWITCHBOARD_HTTP_PORT", Integer.toString(first.port)), Duration.ofSeconds(60));

            assertThat(clash.exitCode()).isEqualTo(3);
            assertThat(clash.output().strip().lines()).hasSize(1);
            assertThat(clash.output()).startsWith("switchboard: HTTP port " + first.port);
        }
    }

    @Test
    void refusesAPortThatIsNotANumberWithOneLineAndExitCode2() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Installation.Result result = installation.run("run", Map.of("SWITCHBOARD_HTTP_PORT", "eighty"), Duration.ofSeconds(60));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.output().strip()).isEqualTo("switchboard: HTTP port 'eighty' from environment variable "
                    + "SWITCHBOARD_HTTP_PORT is not a number between 1 and 65535");
        }
    }

    @Test
    void refusesAnEtcFileItCannotReadWithOneLineAndExitCode2() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            // An etc/ entry that cannot be read as a file: a folder where the settings file belongs.
            Path settings = installation.home.resolve("etc/switchboard.properties");
            Files.delete(settings);
            Files.createDirectory(settings);

            Installation.Result result = installation.run("run", Map.of(), Duration.ofSeconds(60));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.output().strip().lines()).hasSize(1);
            assertThat(result.output()).startsWith("switchboard: cannot read ").contains("switchboard.properties");
        }
    }
}
