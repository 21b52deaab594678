package io.switchboard.core.internal.invocation;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.function.InvocationRecord;
import java.util.Optional;

/** Where dispatch writes the record of every invocation. */
public interface InvocationRecorder {
    /** The run as the core keeps and answers it: result, error message and log lines cut to the configured limits. */
    ExecutionResult bounded(ExecutionResult result);

    /** Stores the record soon (write-behind, batched); returns at once unless the write queue is full. */
    void record(InvocationRecord record);

    /** Stores the record and returns once it is committed; throws when it could not be stored. */
    void recordDurably(InvocationRecord record);

    /** The record of a successful run of the account's function for the event accepted at {@code acceptedAt}, if one was stored. */
    Optional<InvocationRecord> successfulRun(String account, String functionId, String eventId, long acceptedAt);
}
