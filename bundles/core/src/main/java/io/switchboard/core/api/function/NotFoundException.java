package io.switchboard.core.api.function;

/** The account has nothing with that id (also what another account's id looks like). */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
