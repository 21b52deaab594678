package io.switchboard.camel.api;

import java.net.URI;
import java.util.Objects;

/**
 * Where the results of an account's asynchronous events are delivered: an HTTP endpoint of the platform that sent the
 * events.
 *
 * @param url the endpoint that receives {@code POST}s of the mapped results
 * @param signingSecret when not null, each delivery carries {@code X-Switchboard-Timestamp: <Unix seconds>} and
 *        {@code X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}
 */
public record CallbackTarget(URI url, String signingSecret) {
    public CallbackTarget {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("A callback URL is http or https, not " + url);
        }
        signingSecret = signingSecret == null || signingSecret.isEmpty() ? null : signingSecret;
    }
}
