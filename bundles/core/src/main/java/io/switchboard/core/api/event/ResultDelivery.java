package io.switchboard.core.api.event;

/**
 * How the results of an event's functions become what its caller receives: how one result is normalised and how the
 * results of several functions (in function-name order) combine into one answer or one delivery.
 */
public enum ResultDelivery {
    /**
     * Messaging commands ({@code systemMessage}, {@code transfer}, {@code closeConversation}): one command or a list;
     * only the first command of each type counts; no result ({@code null}) asks for the account's default automatic
     * message, {@code []} for nothing. Combined: {@code {"commands": [...], "useDefaultAutoMessage": bool}}.
     */
    COMMANDS,
    /** As {@link #COMMANDS}, but any result that is not a command or a list of them means "no commands", and there is no default message. */
    SURVEY_COMMANDS,
    /** E-mails to send ({@code [{targetEmail, senderName, senderEmail, subject}]}), concatenated: {@code {"emails": [...]}}. */
    EMAILS,
    /** A conversational command's reply: a string or number as it is; anything else is {@code null} (a generic success). */
    COMMAND_REPLY,
    /** A Third-Party Bots response {@code {messages, context: {action, actionParameters}}}, its INVOCATION action carried out. */
    BOT_RESPONSE,
    /** The result as the function returned it; several functions: the list of their results. */
    SINGLE,
    /** Nothing goes back to the caller (e.g. a bot's error hook). */
    NONE
}
