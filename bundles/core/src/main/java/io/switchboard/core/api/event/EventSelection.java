package io.switchboard.core.api.event;

/** Which of an account's productive functions bound to an event type run for one event (LivePerson's rules). */
public enum EventSelection {
    /**
     * The functions for the event's skill ({@code ?skillId=}): those that list the skill, else those without skills
     * ("Default"); an event without a skill runs only the functions without skills.
     */
    SKILL,
    /** The one function whose name is the command the event names (a conversational command). */
    COMMAND,
    /** The one function the event's bot is configured with for this event type (an account resource). */
    BOT,
    /** Every productive function bound to the event type. */
    ALL
}
