package io.switchboard.core.internal.function;

import java.time.Instant;

import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;

/** A row of the {@code functions} table. */
record FunctionRow(
        String id,
        String account,
        FunctionSpec spec,
        FunctionState state,
        int deployedVersion,
        int latestVersion,
        Instant createdAt,
        Instant updatedAt) {

    FunctionRow with(FunctionSpec newSpec, FunctionState newState, int newDeployed, int newLatest, Instant now) {
        return new FunctionRow(id, account, newSpec, newState, newDeployed, newLatest, createdAt, now);
    }

    boolean deployed() {
        return state == FunctionState.PRODUCTIVE || state == FunctionState.MODIFIED;
    }
}
