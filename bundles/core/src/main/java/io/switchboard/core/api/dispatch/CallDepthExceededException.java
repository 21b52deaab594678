package io.switchboard.core.api.dispatch;

/**
 * A function-to-function call would nest deeper than allowed ({@code maxCallDepth}).
 *
 * @since 1.3
 */
public final class CallDepthExceededException extends DispatchException {
    private static final long serialVersionUID = 1L;
    private final int maxDepth;

    public CallDepthExceededException(String message, int maxDepth) {
        super(message);
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }
}
