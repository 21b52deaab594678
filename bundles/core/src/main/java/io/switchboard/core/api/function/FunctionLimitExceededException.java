package io.switchboard.core.api.function;

import java.util.List;

/** Deploying would bind more productive functions to an event (or one of its skills) than its limit allows. */
public final class FunctionLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String eventTypeId;
    private final String skill;
    private final int limit;
    private final transient List<String> holders;

    public FunctionLimitExceededException(String eventTypeId, String skill, int limit, List<String> holders) {
        super("Event '" + eventTypeId + "'" + (skill == null ? "" : " for skill '" + skill + "'")
                + " allows " + limit + " productive function(s) per account and already has " + holders.size()
                + ": " + String.join(", ", holders) + ". Undeploy one of them first.");
        this.eventTypeId = eventTypeId;
        this.skill = skill;
        this.limit = limit;
        this.holders = List.copyOf(holders);
    }

    public String eventTypeId() { return eventTypeId; }

    /** The skill whose limit is full, or null when the event has no skills. */
    public String skill() { return skill; }

    public int limit() { return limit; }

    /** Names of the functions already holding the limit. */
    public List<String> holders() { return holders; }
}
