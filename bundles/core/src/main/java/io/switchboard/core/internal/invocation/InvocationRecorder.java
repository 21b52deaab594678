package io.switchboard.core.internal.invocation;

import io.switchboard.core.api.function.InvocationRecord;

/** Where dispatch writes the record of every invocation. */
public interface InvocationRecorder {
    void record(InvocationRecord record);
}
