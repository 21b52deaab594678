package io.switchboard.core.api.dispatch;

/** The account has no function with that id or name, or it has no deployed version. */
public final class UnknownFunctionException extends DispatchException {
    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(String message) {
        super(message);
    }
}
