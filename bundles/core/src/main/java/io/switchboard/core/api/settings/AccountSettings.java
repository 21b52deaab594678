package io.switchboard.core.api.settings;

import java.util.List;

/**
 * An account's settings as LivePerson Functions keeps them per account.
 *
 * @param allowedDomains host names every function of the account may reach over HTTP (exact, or one leading wildcard
 *        {@code *.example.com}); a function's effective list is these plus its own {@code allowedDomains}
 * @param lpDiscoveryBaseUrl the LivePerson service discovery (CSDS) base URL the toolbelt's {@code LpClient} asks for
 *        service domains, e.g. {@code https://api.liveperson.net}; empty when the account talks to no LivePerson account
 * @param httpRequestsPerSecond outbound HTTP requests one function of the account may send per second (LivePerson: 20);
 *        more are answered {@code 429} without being sent
 */
public record AccountSettings(List<String> allowedDomains, String lpDiscoveryBaseUrl, int httpRequestsPerSecond) {

    /** LivePerson's per-function outbound rate. */
    public static final int DEFAULT_HTTP_REQUESTS_PER_SECOND = 20;

    /** The settings of an account nobody configured. */
    public static final AccountSettings DEFAULTS = new AccountSettings(List.of(), "", DEFAULT_HTTP_REQUESTS_PER_SECOND);

    public AccountSettings {
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        lpDiscoveryBaseUrl = lpDiscoveryBaseUrl == null ? "" : lpDiscoveryBaseUrl;
    }
}
