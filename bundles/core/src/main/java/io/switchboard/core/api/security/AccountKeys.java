package io.switchboard.core.api.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.core.api.function.Page;

/**
 * The accounts and the API keys issued to them (for the admin). An issued key is shown once, in the answer to
 * {@link #issue}; only its SHA-256 is stored. Keys from the configuration (PID {@code io.switchboard.core.security}) are
 * counted but not listed and cannot be revoked here.
 */
@ProviderType
public interface AccountKeys {

    /** Every account that has a key (configured or issued) or a function, sorted by name. */
    Page<AccountInfo> accounts(int page, int size);

    /**
     * Issues a new key for the account (which need not exist yet).
     *
     * @param revokeOthers also revoke the account's earlier issued keys (a rotation)
     * @throws io.switchboard.core.api.function.ValidationException when the account name is not valid
     */
    IssuedKey issue(String account, boolean revokeOthers);

    /** The account's issued keys, oldest first, without the keys themselves. */
    List<KeyInfo> keys(String account);

    /** @throws io.switchboard.core.api.function.NotFoundException when the account has no such issued key */
    void revoke(String account, String keyId);
}
