package io.switchboard.core.api.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Checks API keys: per-account keys and the admin key, from the core's configuration. */
@ProviderType
public interface Authenticator {

    /** The caller a bearer token belongs to, or empty when it is unknown. Runs in constant time per key. */
    Optional<Caller> authenticate(String bearerToken);
}
