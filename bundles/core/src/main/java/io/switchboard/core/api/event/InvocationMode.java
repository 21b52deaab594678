package io.switchboard.core.api.event;

/** Whether the caller of an event waits for the functions' results or only for the event's acceptance. */
public enum InvocationMode {
    /** The caller waits and receives every bound function's outcome. */
    SYNC,
    /** The event is persisted, acknowledged, then run in the background with retries. */
    ASYNC
}
