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

    /**
     * Creates or replaces a secret whose value is any JSON value (JSON text); a JSON string is stored as a string secret.
     *
     * @since 1.4
     */
    SecretInfo putJson(String account, String name, String valueJson);

    /**
     * Creates a secret whose value is any JSON value, refusing a taken name as {@link #create} does.
     *
     * @since 1.4
     */
    SecretInfo createJson(String account, String name, String valueJson);
}
