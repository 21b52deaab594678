package io.switchboard.health.internal;

import io.switchboard.core.api.security.Authenticator;
import java.util.Locale;

/** Whether a request carries the admin key ({@code Authorization: Bearer <admin key>}); anything else sees only the status. */
final class AdminKey {

    private static final String BEARER = "bearer ";

    private AdminKey() {
    }

    /** @param authenticator the core's, or null while the core is not running (then nobody sees details) */
    static boolean presented(String authorization, Authenticator authenticator) {
        if (authenticator == null || authorization == null) {
            return false;
        }
        String trimmed = authorization.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        return authenticator.authenticate(trimmed.substring(BEARER.length()).trim()).map(caller -> caller.admin()).orElse(false);
    }
}
