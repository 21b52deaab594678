package io.switchboard.eventtypes.api;

/** An {@code event-types/<id>/} folder that cannot be read: a file is missing, not JSON, or {@code definition.json} is wrong. */
public final class InvalidEventTypeFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEventTypeFolderException(String message) {
        super(message);
    }

    public InvalidEventTypeFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
