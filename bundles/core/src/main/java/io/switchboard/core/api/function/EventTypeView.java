package io.switchboard.core.api.function;

import io.switchboard.core.api.event.EventTypeDefinition;

/** An event type of the catalogue with the limit in force (the default or an operator's override). */
public record EventTypeView(EventTypeDefinition definition, int effectiveLimit) {
}
