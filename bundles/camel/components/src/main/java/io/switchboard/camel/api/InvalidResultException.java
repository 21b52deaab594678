package io.switchboard.camel.api;

/** A function returned something its event's {@link ResultContract} does not allow (e.g. an unknown command). */
public final class InvalidResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The error code the caller sees for such a function. */
    public static final String ERROR_CODE = "com.switchboard.function.invalid-result";

    public InvalidResultException(String message) {
        super(message);
    }
}
