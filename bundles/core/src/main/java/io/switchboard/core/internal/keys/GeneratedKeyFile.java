package io.switchboard.core.internal.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random key (32 bytes, base64) generated once into a file readable only by its owner, then reused: what the
 * core falls back to when an operator has not configured a key (secrets encryption, admin API key).
 */
public final class GeneratedKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedKeyFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedKeyFile() {
    }

    /** The key in the file, creating the file first when it is absent; {@code onCreated} runs once, after a creation. */
    public static String loadOrCreate(Path file, Runnable onCreated) {
        try {
            if (!Files.exists(file) && create(file)) {
                onCreated.run();
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    private static boolean create(Path file) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            // Created readable by its owner only, before a byte of the key is written: never readable by others, not even
            // for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return false; // another start won the race; use its key
        } catch (UnsupportedOperationException e) {
            LOG.debug("File system of {} has no POSIX permissions", file);
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException again) {
                return false;
            }
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }
}
