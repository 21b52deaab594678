package io.switchboard.core.api.dispatch;

import java.util.List;

/**
 * The payload is not JSON or fails the event type's schema, or the request lacks what the type's selection needs (the
 * command, the bot); lists every failing field.
 */
public final class InvalidPayloadException extends DispatchException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> fieldErrors;

    public InvalidPayloadException(String message, List<FieldError> fieldErrors) {
        super(message);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
