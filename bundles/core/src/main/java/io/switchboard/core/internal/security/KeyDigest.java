package io.switchboard.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keys as the core keeps them: the lower-case hex SHA-256 of the key. Keys are long random strings, so one round of
 * SHA-256 is enough (no password hashing): nobody can find a key from its digest, and looking a digest up tells nothing.
 */
final class KeyDigest {

    /** How a key is written in configuration when only its digest should be stored there. */
    static final String PREFIX = "sha256:";
    /** Issued keys start with this, so they are recognisable (secret scanners, logs). */
    static final String ISSUED_PREFIX = "sb_";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyDigest() {
    }

    /**
     * One digest per thread: every API and webhook call hashes its key, and {@code MessageDigest.getInstance} looks the
     * algorithm up among the security providers each time (it showed in the webhook's CPU profile). {@code digest}
     * resets the instance, so nothing of one key is left for the next.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(KeyDigest::sha256);

    static String of(String key) {
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The digest a configured value stands for: {@code sha256:<hex>} as written, anything else is a key in plain text. */
    static String ofConfigured(String value) {
        return hashed(value).orElseGet(() -> of(value));
    }

    /** The digest when the value is written as {@code sha256:<64 hex digits>}. */
    static Optional<String> hashed(String value) {
        if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String hex = value.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT);
            if (HEX.matcher(hex).matches()) {
                return Optional.of(hex);
            }
        }
        return Optional.empty();
    }

    /** A new key: 32 random bytes, URL-safe base64, after {@value #ISSUED_PREFIX}. */
    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ISSUED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
