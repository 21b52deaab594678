package io.switchboard.camel.internal.webhook;

import java.nio.charset.StandardCharsets;

/**
 * A shared secret with which a source signs the webhook calls of one account under one path prefix.
 *
 * @param account the account the signed calls act for
 * @param pathPrefix webhook paths it covers, e.g. {@code /events/system-messages/}
 * @param secret the HMAC-SHA256 key
 */
record SigningSecret(String account, String pathPrefix, byte[] secret) {

    /** Parses {@code account@/events/prefix=secret}. */
    static SigningSecret parse(String entry) {
        int at = entry.indexOf('@');
        int equals = entry.indexOf('=', Math.max(at, 0));
        if (at <= 0 || equals <= at + 1 || equals == entry.length() - 1 || !entry.startsWith(WebhookComponent.ROOT, at + 1)) {
            throw new IllegalArgumentException("A signing secret is 'account@/events/<path prefix>=<secret>', not '"
                    + entry.replaceAll("=.*", "=...") + "'");
        }
        return new SigningSecret(entry.substring(0, at), entry.substring(at + 1, equals),
                entry.substring(equals + 1).getBytes(StandardCharsets.UTF_8));
    }

    boolean covers(String account, String path) {
        return this.account.equals(account) && path.startsWith(pathPrefix);
    }
}
