package io.switchboard.core.api.function;

import java.time.Instant;

/** An immutable, numbered snapshot of a function made by a deploy; kept for rollback. */
public record FunctionVersion(String functionId, int version, FunctionSpec spec, Instant createdAt) {
}
