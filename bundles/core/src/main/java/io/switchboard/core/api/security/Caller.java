package io.switchboard.core.api.security;

/**
 * Who made a request.
 *
 * @param account the account the key belongs to, or null for the admin
 * @param admin whether the caller holds the admin key (may act on every account)
 */
public record Caller(String account, boolean admin) {

    /** Whether this caller may act on the given account. */
    public boolean mayActOn(String targetAccount) {
        return admin || (account != null && account.equals(targetAccount));
    }
}
