package io.switchboard.core.api.function;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Managing an account's secrets; values go in, only masked values come out. */
@ProviderType
public interface SecretService {

    List<SecretInfo> list(String account);

    /** @throws NotFoundException when the account has no such secret */
    SecretInfo get(String account, String name);

    /** Creates or replaces a secret. */
    SecretInfo put(String account, String name, String value);

    /**
     * Creates a secret, atomically refusing a name the account already uses.
     *
     * @throws ConflictException when the account already has a secret of that name
     */
    SecretInfo create(String account, String name, String value);

    /** @throws NotFoundException when the account has no such secret */
    void delete(String account, String name);
}
