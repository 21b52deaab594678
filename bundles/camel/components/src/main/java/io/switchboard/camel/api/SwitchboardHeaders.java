package io.switchboard.camel.api;

import java.util.List;

/** Names of the Camel message headers the Switchboard components read and write, and which names are reserved. */
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

    /** The skill an event is raised for, read by {@code event:} (else the {@code skillId} of {@link #HTTP_QUERY}). @since 2.0 */
    public static final String SKILL_ID = "SwitchboardSkillId";
    /** The command a conversational command event names: the {@code {commandName}} of its webhook path. @since 2.0 */
    public static final String COMMAND_NAME = "SwitchboardCommandName";
    /** The bot a bot event comes from: the {@code {botId}} of its webhook path. @since 2.0 */
    public static final String BOT_ID = "SwitchboardBotId";
    /** The query string of the webhook request as it came (set by {@code webhook:}). @since 2.0 */
    public static final String HTTP_QUERY = "SwitchboardHttpQuery";
    /**
     * Seconds the webhook tells its caller to wait before retrying ({@code Retry-After}): set by {@link EventReplies} when
     * the core refused the event for now (every function quarantined with its slots or CPU budget used up). @since 2.2
     */
    public static final String HTTP_RETRY_AFTER = "SwitchboardHttpRetryAfter";
    /**
     * What identifies the event at its source (read by {@code event:}): the core stores it with the accepted event and
     * does not run a second event with the same key (the Kafka ingress sets {@code kafka:<topic>/<partition>/<offset>}). @since 2.0
     */
    public static final String IDEMPOTENCY_KEY = "SwitchboardIdempotencyKey";

    /** Prefixes of headers that stay inside the route and are never handed to functions as their headers. */
    public static final String INTERNAL_PREFIX = "Switchboard";

    /**
     * Exchange property (not a header) with a {@code List<io.switchboard.core.api.dispatch.Header>} the {@code function:}
     * and {@code event:} endpoints hand to the function after the message's own headers: how a route passes headers it
     * read from a request body (a Conversation Builder call's {@code headers}) as data, without making them Camel
     * headers. Entries with a {@linkplain #isReserved reserved} name are left out.
     */
    public static final String FUNCTION_INPUT_HEADERS = INTERNAL_PREFIX + "FunctionInputHeaders";

    /** HTTP header naming the account when the admin key or a signature authenticates a webhook call. */
    public static final String HTTP_ACCOUNT = "X-Switchboard-Account";
    /** HTTP header of a signed call or delivery: {@code sha256=<lower-case hex HMAC-SHA256 of "<timestamp>.<body>">}. */
    public static final String HTTP_SIGNATURE = "X-Switchboard-Signature";
    /** HTTP header of a signed call or delivery: when it was signed, in Unix seconds. */
    public static final String HTTP_TIMESTAMP = "X-Switchboard-Timestamp";

    /**
     * Prefixes (compared ignoring case, as Camel compares header names) of names that belong to the platform: Camel's
     * own headers, Switchboard's Camel headers, and Switchboard's HTTP headers. Ingress never turns a header a client
     * sent, over HTTP or in a body, with such a name into a Camel header, and functions never receive one.
     */
    private static final List<String> RESERVED_PREFIXES = List.of("Camel", "org.apache.camel.", INTERNAL_PREFIX, "X-Switchboard-");

    private SwitchboardHeaders() {
    }

    /** The header carrying a {@code {name}} segment of a webhook path: {@code Switchboard} and the capitalised name. @since 2.0 */
    public static String pathVariable(String name) {
        return INTERNAL_PREFIX + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Whether a header name is the platform's: it starts, in any case, with {@code Camel}, {@code org.apache.camel.},
     * {@code Switchboard} or {@code X-Switchboard-}. Such headers from a client are dropped.
     */
    public static boolean isReserved(String name) {
        if (name == null) {
            return true;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }
}
