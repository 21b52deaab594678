package io.switchboard.core.internal.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generated key used when none is configured: created once in the data folder, then reused. */
final class SecretKeyFile {

    static final String FILE_NAME = "secrets.key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);

    private SecretKeyFile() {
    }

    static byte[] loadOrCreate(Path dataFolder) {
        Path file = dataFolder.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            return; // another start won the race; use its key
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("File system of {} has no POSIX permissions", file);
        }
        LOG.warn("No secrets key is configured: generated one in {}. Set 'key' (base64 AES key) in etc/{}.cfg and keep it safe; "
                + "secrets stored with this key cannot be read without it.", file, SecretsImpl.PID);
    }
}
