package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void profilesAreStoredReadableByTheUserOnlyAndSeveralCanExist() throws Exception {
        Path config = dir.resolve("config/switchboard");
        Profiles profiles = new Profiles(config);
        profiles.save(new Profile("default", "http://localhost:8181", "acme", "k1"), true);
        profiles.save(new Profile("prod", "https://sb.example.com", "acme", "k2"), false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
        assertThat(profiles.require(null).key()).isEqualTo("k1");
        assertThat(profiles.require("prod").url()).isEqualTo("https://sb.example.com");
    }

    @Test
    void aFileMadeWithAWiderModeIsNarrowedWhenWritten() throws Exception {
        Files.writeString(dir.resolve(Profiles.FILE), "{}");
        Files.setPosixFilePermissions(dir.resolve(Profiles.FILE), PosixFilePermissions.fromString("rw-r--r--"));
        new Profiles(dir).save(new Profile("default", "http://h", "a", "k"), true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Profiles.FILE)))).isEqualTo("rw-------");
    }

    @Test
    void logoutRemovesTheCurrentProfileAndLaterCommandsAskForALogin() {
        new Profiles(dir).save(new Profile("default", "http://localhost:1", "acme", "k"), true);
        CliRun logout = CliRun.run(dir, dir, "", "logout");
        assertThat(logout.exitCode).isZero();
        CliRun get = CliRun.run(dir, dir, "", "get", "functions");
        assertThat(get.exitCode).isEqualTo(ExitCode.PROJECT);
        assertThat(get.err).contains("not logged in");
    }

    @Test
    void theConfigFolderFollowsXdgConfigHome() {
        assertThat(Environment.configDirectory(Map.of("XDG_CONFIG_HOME", "/x/cfg"))).isEqualTo(Path.of("/x/cfg/switchboard"));
        assertThat(Environment.configDirectory(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".config", "switchboard"));
    }

    @Test
    void anUnreachableServerEndsWithItsExitCode() {
        new Profiles(dir).save(new Profile("default", "http://127.0.0.1:1", "acme", "k"), true);
        CliRun get = CliRun.run(dir, dir, "", "get", "functions");
        assertThat(get.exitCode).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(get.err).contains("cannot reach http://127.0.0.1:1/api/v1");
    }
}
