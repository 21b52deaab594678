package io.switchboard.core.api.security;

/**
 * A key just issued: the only time the key itself is known to anyone but its holder.
 *
 * @param info the key's id, account and time
 * @param key the key, to send as {@code Authorization: Bearer <key>}
 */
public record IssuedKey(KeyInfo info, String key) {
}
