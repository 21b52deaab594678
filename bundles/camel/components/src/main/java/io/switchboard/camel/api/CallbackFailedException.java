package io.switchboard.camel.api;

import java.io.IOException;

/**
 * A result delivery was answered with a status other than 2xx; the route's error handling redelivers it like any other
 * I/O failure of the delivery (an {@code IOException}: Camel resolves {@code onException} classes through its own
 * class loader, which sees the JDK's exceptions but not this bundle's).
 */
public final class CallbackFailedException extends IOException {

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
