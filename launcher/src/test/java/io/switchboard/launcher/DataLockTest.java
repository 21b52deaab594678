package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 10: one instance per data folder, its pid written in every mode. */
class DataLockTest {

    @TempDir
    Path folder;

    @Test
    void aSecondInstanceOnTheSameDataFolderIsRefusedNamingTheFirstsPid() throws Exception {
        Path data = folder.resolve("data");
        try (DataLock first = DataLock.acquire(data, 4242)) {
            assertThat(Files.readString(data.resolve(DataLock.PID_FILE)).strip()).isEqualTo("4242");

            assertThatThrownBy(() -> DataLock.acquire(data, 4343))
                    .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.exitCode()).isEqualTo(LaunchException.ALREADY_RUNNING))
                    .hasMessageContaining("pid 4242").hasMessageContaining(data.toString());
            assertThat(Files.readString(data.resolve(DataLock.PID_FILE)).strip()).as("the first instance's pid stays").isEqualTo("4242");
        }
        assertThat(data.resolve(DataLock.PID_FILE)).as("removed on a clean stop").doesNotExist();
        try (DataLock again = DataLock.acquire(data, 4444)) {
            assertThat(again.pid()).isEqualTo(4444);
        }
    }

    @Test
    void theDataFolderIsMadeReadableByItsOwnerOnly() throws Exception {
        Path data = Files.createDirectories(folder.resolve("wide"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (DataLock lock = DataLock.acquire(data, 1)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }
}
