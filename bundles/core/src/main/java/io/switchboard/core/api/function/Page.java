package io.switchboard.core.api.function;

import java.util.List;

/** One page of a listing: items, the page asked for, and the total count. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
