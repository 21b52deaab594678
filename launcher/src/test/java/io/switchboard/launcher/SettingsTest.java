package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    private void settingsFile(String content) throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/switchboard.properties"), content);
    }

    @Test
    void readsPortHostAndFoldersFromEtc() throws Exception {
        settingsFile("switchboard.http.port=9090\nswitchboard.http.host=127.0.0.1\nswitchboard.data=var/data\n");

        Settings settings = Settings.load(home, Map.of());

        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
        assertThat(settings.data()).isEqualTo(home.resolve("var/data").toAbsolutePath());
        assertThat(settings.deploy()).isEqualTo(home.resolve("deploy").toAbsolutePath());
    }

    @Test
    void theEnvironmentVariableOverridesThePortOfTheFile() throws Exception {
        settingsFile("switchboard.http.port=9090\n");

        Settings settings = Settings.load(home, Map.of("SWITCHBOARD_HTTP_PORT", "18181"));

        assertThat(settings.httpPort()).isEqualTo(18181);
    }

    @Test
    void refusesAPortThatIsNotANumberAndSaysWhereItCameFrom() throws Exception {
        settingsFile("switchboard.http.port=80a\n");

        assertThatThrownBy(() -> Settings.load(home, Map.of()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'80a'").hasMessageContaining("switchboard.http.port in");
        assertThatThrownBy(() -> Settings.load(home, Map.of("SWITCHBOARD_HTTP_PORT", "70000")))
                .hasMessageContaining("environment variable SWITCHBOARD_HTTP_PORT");
    }

    @Test
    void refusesAnUnreadableConfigurationFile() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file whatever its mode");
        settingsFile("switchboard.http.port=9090\n");
        Path secret = home.resolve("etc/io.switchboard.core.security.cfg");
        Files.writeString(secret, "adminKey=x\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

        assertThatThrownBy(() -> Settings.load(home, Map.of()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("io.switchboard.core.security.cfg is not readable")
                .extracting(e -> ((LaunchException) e).exitCode()).isEqualTo(LaunchException.BAD_CONFIGURATION);
    }

    @Test
    void refusesAMissingSettingsFile() throws Exception {
        Files.createDirectories(home.resolve("etc"));

        assertThatThrownBy(() -> Settings.load(home, Map.of()))
                .hasMessageContaining("switchboard.properties is missing");
    }

    @Test
    void takesFrameworkOverridesFromEtc() throws Exception {
        settingsFile("");
        Files.writeString(home.resolve("etc/framework.properties"), "felix.fileinstall.poll = 2000\n");

        Settings settings = Settings.load(home, Map.of());

        assertThat(Platform.frameworkProperties(settings, false))
                .containsEntry("felix.fileinstall.poll", "2000")
                .containsEntry("org.osgi.service.http.port", "8181")
                .containsEntry("gosh.args", "--nointeractive")
                .containsEntry("felix.fileinstall.dir", home.resolve("etc") + "," + home.resolve("deploy").toAbsolutePath());
    }
}
