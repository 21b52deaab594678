package io.switchboard.camel.api;

/**
 * Thrown by a route to refuse a webhook call with a client error status (4xx) and a message the caller can act
 * on; the webhook answers it as a problem detail.
 */
public final class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection is a client error (4xx), not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
