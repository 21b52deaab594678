package io.switchboard.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One instance per data folder: an exclusive file lock on {@code <data>/switchboard.lock}, held for the life of the
 * process and released by the operating system when the process ends in any way (kill -9 included), and the pid in
 * {@code <data>/switchboard.pid} for {@code bin/switchboard stop} and {@code status}, written in every mode ({@code run}
 * and {@code start}). Two instances on one data folder would share one database and one configuration store.
 */
final class DataLock implements AutoCloseable {

    static final String LOCK_FILE = "switchboard.lock";
    static final String PID_FILE = "switchboard.pid";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path data;
    private final FileChannel channel;
    private final FileLock lock;
    private final long pid;

    private DataLock(Path data, FileChannel channel, FileLock lock, long pid) {
        this.data = data;
        this.channel = channel;
        this.lock = lock;
        this.pid = pid;
    }

    /**
     * Locks the data folder (creating it, readable by its owner only) and writes this process's pid.
     *
     * @throws LaunchException {@link LaunchException#ALREADY_RUNNING} when another instance holds the folder
     */
    static DataLock acquire(Path data, long pid) throws LaunchException {
        FileChannel channel = null;
        try {
            ownerOnly(data);
            channel = FileChannel.open(data.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new LaunchException(LaunchException.ALREADY_RUNNING, "another Switchboard instance" + holder(data)
                        + " is using the data folder " + data + "; stop it first (bin/switchboard stop)");
            }
            DataLock held = new DataLock(data, channel, lock, pid);
            held.writePid();
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LaunchException(LaunchException.BAD_CONFIGURATION, "cannot lock the data folder " + data + ": " + e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM (a second launch in one process, as tests do)
        }
    }

    /** The data folder holds keys, secrets and the database: its owner only (created so, tightened when wider). */
    static void ownerOnly(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data);
        }
        try {
            if (!Files.getPosixFilePermissions(data).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(data, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX permissions: nothing to tighten
        }
    }

    private static String holder(Path data) {
        try {
            String pid = Files.readString(data.resolve(PID_FILE), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private void writePid() throws IOException {
        Path file = data.resolve(PID_FILE);
        Path temporary = data.resolve(PID_FILE + ".tmp");
        Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    long pid() {
        return pid;
    }

    /** Removes the pid file (when it is still this process's) and releases the lock. */
    @Override
    public void close() {
        try {
            Path file = data.resolve(PID_FILE);
            if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(Long.toString(pid))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // the lock below is what matters; a stale pid file is recognised by bin/switchboard
        }
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel below anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
