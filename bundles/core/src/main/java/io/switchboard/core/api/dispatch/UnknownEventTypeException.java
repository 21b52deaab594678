package io.switchboard.core.api.dispatch;

/** No event source currently provides the requested event type. */
public final class UnknownEventTypeException extends DispatchException {
    private static final long serialVersionUID = 1L;
    private final String eventTypeId;

    public UnknownEventTypeException(String eventTypeId) {
        super("Unknown event type '" + eventTypeId + "': no installed event source provides it (GET /api/v1/event-types lists them)"
                + io.switchboard.core.api.event.RenamedEventTypes.hint(eventTypeId));
        this.eventTypeId = eventTypeId;
    }

    public String eventTypeId() {
        return eventTypeId;
    }
}
