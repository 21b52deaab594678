package io.switchboard.camel.api;

/** A result delivery was answered with a status other than 2xx; the route's error handling redelivers it. */
public final class CallbackFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public CallbackFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
