package io.switchboard.core.api.observe;

import io.switchboard.core.api.function.InvocationRecord;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service the core tells about what it does, as it happens: register one to count, stream or report. Every
 * method has a default that ignores the call, so an observer implements only what it wants, and methods added later
 * break none. Calls come on the core's dispatching threads, and for the runs of an event with several functions also on
 * the executor's threads where a run ends (its {@code invocationStarted} and {@code invocationFinished} may then come on
 * different threads): return at once (counting is fine, I/O is not); an exception is logged and ignored.
 */
@ConsumerType
public interface PlatformObserver {

    /** A run of the account's function is about to start on the executor (its permits are held); {@link #invocationFinished} follows with the same id. */
    default void invocationStarted(String invocationId, String account, String functionId) {
    }

    /**
     * A run ended (whatever its outcome, including a run refused by quarantine or for want of an executor) and its
     * record was handed to the store. Every {@link #invocationStarted} is followed by one such call; a refused run may
     * come without a start.
     */
    default void invocationFinished(InvocationRecord record) {
    }

    /**
     * A call was refused because a concurrency limit was full (the caller got 429).
     *
     * @param functionId the function whose limit, or whose account's limit, was full; null when an event's several
     *                   functions were asked for at once
     */
    default void capacityExceeded(String account, String functionId) {
    }

    /** The function was put into quarantine (the executor stopped a run that kept its thread busy). */
    default void quarantined(String account, String functionId) {
    }
}
