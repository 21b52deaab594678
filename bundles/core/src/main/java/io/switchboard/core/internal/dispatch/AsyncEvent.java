package io.switchboard.core.internal.dispatch;

import java.util.List;

import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;

/** An accepted asynchronous event as persisted; {@code skillId} is the skill it was raised for, or null. */
record AsyncEvent(String id, String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger, long createdAt,
        String skillId) {
}
