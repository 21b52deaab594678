package io.switchboard.core.api.function;

import java.time.Instant;

/** A secret as the management API shows it: never its full value. */
public record SecretInfo(String name, String maskedValue, Instant updatedAt) {
}
