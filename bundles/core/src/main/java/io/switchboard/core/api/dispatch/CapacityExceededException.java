package io.switchboard.core.api.dispatch;

import java.time.Duration;

/** A concurrency limit (per function or per account) is full; the caller may retry after the given delay. */
public final class CapacityExceededException extends DispatchException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public CapacityExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
