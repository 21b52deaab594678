package io.switchboard.core.api.store;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** A small persistent key-value store per account and namespace, shared by the account's functions. */
@ProviderType
public interface ContextStore {

    /** The value (JSON text) under the key, or empty. */
    Optional<String> get(String account, String namespace, String key);

    /** Every key and value (JSON text) of the namespace. */
    Map<String, String> getAll(String account, String namespace);

    /** Stores a JSON value under the key; bounded in size by the core's configuration. */
    void put(String account, String namespace, String key, String valueJson);

    /** Removes the key; true when it existed. */
    boolean delete(String account, String namespace, String key);
}
