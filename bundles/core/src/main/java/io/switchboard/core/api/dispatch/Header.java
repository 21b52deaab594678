package io.switchboard.core.api.dispatch;

import java.util.Objects;

/** One header as the caller sent it; handed to functions as {@code input.headers}. */
public record Header(String key, String value) {
    public Header {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
    }
}
