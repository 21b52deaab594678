package io.switchboard.core.api.function;

/** The request clashes with the current state (name taken, nothing to deploy, ...). */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
