package io.switchboard.camel.internal.webhook;

import io.switchboard.core.api.security.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * The webhook servlet's configured values at one moment: replaced as a whole when the configuration changes, so a
 * request is checked entirely against the old or entirely against the new values.
 */
record WebhookSettings(WebhookAuthentication authentication, long maxBodyBytes, String signatureHeader, long refusalDelayMillis,
        int maxHeldRefusals) {

    static WebhookSettings of(WebhookConfiguration config, Authenticator authenticator, Clock clock) {
        if (config.maxBodyBytes() < 1) {
            throw new IllegalArgumentException("maxBodyBytes of " + WebhookServlet.PID + " must be at least 1, was " + config.maxBodyBytes());
        }
        if (config.signatureToleranceSeconds() < 1) {
            throw new IllegalArgumentException("signatureToleranceSeconds of " + WebhookServlet.PID + " must be at least 1, was "
                    + config.signatureToleranceSeconds());
        }
        WebhookAuthentication authentication = new WebhookAuthentication(authenticator,
                Arrays.stream(config.signingSecrets()).map(SigningSecret::parse).toList(),
                new WebhookAuthentication.SignaturePolicy(Duration.ofSeconds(config.signatureToleranceSeconds()),
                        config.acceptUntimedSignatures()), clock);
        if (config.refusalDelayMillis() < 0 || config.maxHeldRefusals() < 0) {
            throw new IllegalArgumentException("refusalDelayMillis and maxHeldRefusals of " + WebhookServlet.PID
                    + " must not be negative, were " + config.refusalDelayMillis() + " and " + config.maxHeldRefusals());
        }
        return new WebhookSettings(authentication, config.maxBodyBytes(), config.signatureHeader(), config.refusalDelayMillis(),
                config.maxHeldRefusals());
    }
}
