package io.switchboard.core.api.dispatch;

/** Base of the errors a dispatch or an invocation can end with before any function runs. */
public abstract class DispatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DispatchException(String message) {
        super(message);
    }
}
