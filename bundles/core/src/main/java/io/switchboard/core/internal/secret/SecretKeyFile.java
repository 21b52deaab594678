package io.switchboard.core.internal.secret;

import java.nio.file.Path;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.internal.keys.GeneratedKeyFile;

/** The generated key used when none is configured: created once in the data folder, then reused. */
final class SecretKeyFile {

    static final String FILE_NAME = "secrets.key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);

    private SecretKeyFile() {
    }

    static byte[] loadOrCreate(Path dataFolder) {
        Path file = dataFolder.resolve(FILE_NAME);
        return Base64.getDecoder().decode(GeneratedKeyFile.loadOrCreate(file, () -> LOG.warn(
                "No secrets key is configured: generated one in {}. Set 'key' (base64 AES key) in etc/{}.cfg and keep it safe; "
                        + "secrets stored with this key cannot be read without it.", file, SecretsImpl.PID)));
    }
}
