package io.switchboard.camel.api;

/** Names of the Camel message headers the Switchboard components read and write. */
public final class SwitchboardHeaders {

    /** The account an exchange acts for; set by the webhook consumer from the authenticated caller, read by
     *  {@code event:} and {@code function:} endpoints whose URI names no account. */
    public static final String ACCOUNT = "SwitchboardAccount";
    /** The webhook path an exchange came in on. */
    public static final String WEBHOOK_PATH = "SwitchboardWebhookPath";
    /** Id under which the core recorded a dispatched event (set by {@code event:} and {@code event-results:}). */
    public static final String EVENT_ID = "SwitchboardEventId";
    /** How a function invocation ended: OK, ERROR, TIMEOUT or REJECTED (set by {@code function:} and {@code event-results:}). */
    public static final String OUTCOME = "SwitchboardOutcome";
    /** Id of the invocation record (set by {@code function:} and {@code event-results:}). */
    public static final String INVOCATION_ID = "SwitchboardInvocationId";
    /** The function's error code when the outcome is not OK (set by {@code function:} and {@code event-results:}). */
    public static final String ERROR_CODE = "SwitchboardErrorCode";
    /** The function's error message when the outcome is not OK (set by {@code function:} and {@code event-results:}). */
    public static final String ERROR_MESSAGE = "SwitchboardErrorMessage";

    /** The event type of an asynchronous function's outcome (set by {@code event-results:}). */
    public static final String EVENT_TYPE_ID = "SwitchboardEventType";
    /** The id of the function an outcome is from (set by {@code event-results:}). */
    public static final String FUNCTION_ID = "SwitchboardFunctionId";
    /** The name of the function an outcome is from (set by {@code event-results:}). */
    public static final String FUNCTION_NAME = "SwitchboardFunctionName";
    /** Which attempt of an asynchronous function the outcome is, from 1 (set by {@code event-results:}). */
    public static final String ATTEMPT = "SwitchboardAttempt";

    /**
     * What identifies the event at its source (read by {@code event:}): the core stores it with the accepted event and
     * does not run a second event with the same key (the Kafka ingress sets {@code kafka:<topic>/<partition>/<offset>}).
     */
    public static final String IDEMPOTENCY_KEY = "SwitchboardIdempotencyKey";

    /** Prefixes of headers that stay inside the route and are never handed to functions as their headers. */
    public static final String INTERNAL_PREFIX = "Switchboard";

    /** HTTP header naming the account when the admin key or a signature authenticates a webhook call. */
    public static final String HTTP_ACCOUNT = "X-Switchboard-Account";

    private SwitchboardHeaders() {
    }
}
