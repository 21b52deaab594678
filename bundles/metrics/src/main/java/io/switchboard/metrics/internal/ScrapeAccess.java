package io.switchboard.metrics.internal;

import io.switchboard.core.api.security.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who may read {@code /metrics}: the admin key, or the configured scrape token (plain or {@code sha256:<hex>}). The
 * metrics name every account and function, so an account key may not: they are the operator's.
 */
final class ScrapeAccess {

    private static final String BEARER = "bearer ";
    private static final String SHA256 = "sha256:";

    /** The token's SHA-256, or null when none is configured. */
    private final byte[] tokenHash;

    ScrapeAccess(String scrapeToken) {
        String token = scrapeToken == null ? "" : scrapeToken.strip();
        if (token.isEmpty()) {
            tokenHash = null;
        } else if (token.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
            try {
                tokenHash = HexFormat.of().parseHex(token.substring(SHA256.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scrapeToken of " + MetricsConfiguration.PID + " starts with sha256: but is not "
                        + "followed by hexadecimal digits", e);
            }
            if (tokenHash.length != 32) {
                throw new IllegalArgumentException("scrapeToken of " + MetricsConfiguration.PID + ": sha256: needs 64 hexadecimal digits");
            }
        } else {
            tokenHash = sha256(token);
        }
    }

    /** Whether the request's {@code Authorization} header holds the admin key or the scrape token. */
    boolean allowed(String authorization, Authenticator authenticator) {
        if (authorization == null) {
            return false;
        }
        String trimmed = authorization.strip();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        String presented = trimmed.substring(BEARER.length()).strip();
        if (tokenHash != null && MessageDigest.isEqual(tokenHash, sha256(presented))) {
            return true;
        }
        return authenticator != null && authenticator.authenticate(presented).map(caller -> caller.admin()).orElse(false);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
