package io.switchboard.core.api.security;

import java.time.Instant;

/**
 * An issued API key, without the key.
 *
 * @param id the key's id (to revoke it)
 * @param account the account it belongs to
 * @param createdAt when it was issued
 */
public record KeyInfo(String id, String account, Instant createdAt) {
}
