package io.switchboard.core.internal.invocation;

import io.switchboard.core.api.function.InvocationRecord;
import java.util.Optional;

/** Where dispatch writes the record of every invocation. */
public interface InvocationRecorder {
    void record(InvocationRecord record);

    /** The record of a successful run of the function for the event, if one was stored. */
    Optional<InvocationRecord> successfulRun(String eventId, String functionId);
}
