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
}
