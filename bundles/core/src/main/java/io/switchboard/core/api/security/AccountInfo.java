package io.switchboard.core.api.security;

/**
 * An account as the admin sees it.
 *
 * @param account the account's name
 * @param configuredKeys keys of the account in the configuration
 * @param issuedKeys keys issued through the API and not revoked
 * @param functions the account's functions
 */
public record AccountInfo(String account, int configuredKeys, int issuedKeys, long functions) {
}
