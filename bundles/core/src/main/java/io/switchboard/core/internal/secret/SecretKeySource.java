package io.switchboard.core.internal.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Where the secrets' master key comes from, first match wins: the environment variable {@value #ENVIRONMENT}, the
 * configured {@code key}, the file named by {@code keyFile}, else a key generated once into
 * {@code <switchboard.data>/secrets.key}. Instances sharing one database must all use the same key: a generated key
 * is per instance, so a cluster sets one of the first three.
 *
 * @param key the AES key
 * @param origin where it came from, for messages ("the environment variable SWITCHBOARD_SECRETS_KEY", ...)
 */
record SecretKeySource(byte[] key, String origin) {

    static final String ENVIRONMENT = "SWITCHBOARD_SECRETS_KEY";

    static SecretKeySource resolve(SecretsImpl.Config config, Path dataFolder, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return decode(fromEnvironment, "the environment variable " + ENVIRONMENT);
        }
        if (!config.key().isBlank()) {
            return decode(config.key(), "'key' of " + SecretsImpl.PID);
        }
        if (!config.keyFile().isBlank()) {
            Path file = dataFolder.resolve(config.keyFile().strip());
            try {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), "the file " + file + " ('keyFile' of " + SecretsImpl.PID + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the secrets key file " + file + " ('keyFile' of " + SecretsImpl.PID + ")", e);
            }
        }
        return new SecretKeySource(SecretKeyFile.loadOrCreate(dataFolder),
                "the key generated into " + dataFolder.resolve(SecretKeyFile.FILE_NAME) + " (this instance only)");
    }

    private static SecretKeySource decode(String base64, String origin) {
        try {
            return new SecretKeySource(Base64.getDecoder().decode(base64.strip()), origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The secrets key from " + origin + " is not base64: " + e.getMessage(), e);
        }
    }
}
