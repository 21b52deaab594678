package io.switchboard.core.api.function;

import io.switchboard.core.api.dispatch.FieldError;
import java.util.List;

/** A spec or value the user sent is invalid; lists every failing field. */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> fieldErrors;

    public ValidationException(String message, List<FieldError> fieldErrors) {
        super(message);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
