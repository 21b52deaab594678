package io.switchboard.core.api.dispatch;

/** What caused an invocation; recorded with it. */
public enum Trigger {
    /** An event raised through an event source. */
    EVENT,
    /** A direct call of the external invocation API or a Conversation Builder bot. */
    EXTERNAL,
    /** A Camel route ({@code function:} or {@code event:} endpoint). */
    CAMEL,
    /** An operator's manual invocation (API "invoke" screen, shell). */
    MANUAL,
    /** Another function called it through {@link FunctionCalls} (a bot's INVOCATION action, an orchestrator). @since 1.3 */
    FUNCTION,
    /** A schedule of the account ({@code /api/v1/accounts/{account}/schedules}) fired. */
    SCHEDULE
}
