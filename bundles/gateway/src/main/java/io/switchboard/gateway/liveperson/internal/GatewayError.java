package io.switchboard.gateway.liveperson.internal;

/**
 * A refusal of the gateway, answered as LivePerson answers: an HTTP status and {@code {errorCode, errorMsg}}. Codes are
 * LivePerson's where it has one ({@code com.liveperson.faas.es.*}), Switchboard's ({@code com.switchboard.gateway.*})
 * where LivePerson publishes none.
 */
final class GatewayError extends RuntimeException {

    static final String BAD_INPUT = "com.liveperson.faas.es.badinput";
    static final String MISSING_LAMBDA = "com.liveperson.faas.es.missinglambda";
    static final String NOT_DEPLOYED = "com.liveperson.faas.es.notdeployed";
    static final String UNAUTHORIZED = "com.switchboard.gateway.unauthorized";
    static final String UNKNOWN_EVENT = "com.switchboard.gateway.unknown-event";
    static final String NOT_FOUND = "com.switchboard.gateway.not-found";
    static final String METHOD_NOT_ALLOWED = "com.switchboard.gateway.method-not-allowed";
    static final String CAPACITY_EXCEEDED = "com.switchboard.gateway.capacity-exceeded";
    static final String TOO_LARGE = "com.switchboard.gateway.payload-too-large";

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final long retryAfterSeconds;

    GatewayError(int status, String errorCode, String errorMsg) {
        this(status, errorCode, errorMsg, 0);
    }

    GatewayError(int status, String errorCode, String errorMsg, long retryAfterSeconds) {
        super(errorMsg);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static GatewayError badInput(String message) {
        return new GatewayError(400, BAD_INPUT, message);
    }
}
