package io.switchboard.camel.internal.webhook;

/**
 * What a route answered: a status and a body, or the exception that ended the exchange.
 *
 * @param status the HTTP status the route set (200 when it set none)
 * @param body the message body at the end of the route, or null
 * @param failure the exception the exchange ended with, or null
 * @param retryAfterSeconds seconds for a {@code Retry-After} header (the route's {@code SwitchboardHttpRetryAfter}), or 0 for none
 */
record WebhookReply(int status, Object body, Exception failure, long retryAfterSeconds) {

    /** A reply without {@code Retry-After}. */
    WebhookReply(int status, Object body, Exception failure) {
        this(status, body, failure, 0);
    }
}
