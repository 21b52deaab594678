package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.source.testkit.EventTypeResourcesContract;

/** Every event type this bundle ships has a draft 2020-12 payload schema, a sample that passes it, and a result schema. */
class EventTypeResourcesTest extends EventTypeResourcesContract {
}
