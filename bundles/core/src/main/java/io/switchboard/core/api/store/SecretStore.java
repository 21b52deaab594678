package io.switchboard.core.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The account's secrets, encrypted at rest by the core; what the toolbelt's secret client reads and updates. */
@ProviderType
public interface SecretStore {

    /** The secret's value, or empty when the account has no secret of that name. */
    Optional<String> read(String account, String name);

    /** Creates or replaces a secret of the account. */
    void write(String account, String name, String value);

    /**
     * The secret's value as JSON text (a string secret as a JSON string), or empty when the account has no secret of that
     * name.
     *
     * @since 1.1
     */
    Optional<String> readJson(String account, String name);

    /**
     * Replaces the value of an existing secret with any JSON value (a JSON string is stored as a string secret).
     *
     * @return false when the account has no secret of that name (nothing is created)
     * @since 1.1
     */
    boolean updateJson(String account, String name, String valueJson);
}
