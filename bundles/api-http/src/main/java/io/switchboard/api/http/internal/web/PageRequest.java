package io.switchboard.api.http.internal.web;

import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.core.api.dispatch.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ?page=&size=} of a listing: pages count from 0, the size is bounded by configuration, and so is the depth
 * ({@code page} times {@code size}), which also keeps the offset far from overflowing.
 *
 * @param page zero-based page number
 * @param size items per page
 */
public record PageRequest(int page, int size) {

    /** Reads and checks the paging parameters; missing ones take the defaults. */
    public static PageRequest from(ApiRequest request, ApiSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        int page = parse(request.query("page"), 0, 0, Integer.MAX_VALUE, "page", errors);
        int size = parse(request.query("size"), settings.defaultPageSize(), 1, settings.maxPageSize(), "size", errors);
        if (errors.isEmpty() && (long) page * size > settings.maxPageOffset()) {
            errors.add(new FieldError("page", "must be at most " + settings.maxPageOffset() / size + " with size " + size
                    + " (listings reach " + settings.maxPageOffset() + " items deep), was " + page));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("Invalid paging parameters.", errors));
        }
        return new PageRequest(page, size);
    }

    private static int parse(Optional<String> text, int fallback, int min, int max, String name, List<FieldError> errors) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        errors.add(new FieldError(name, "must be an integer from " + min + " to " + max + ", was '" + text.get() + "'"));
        return fallback;
    }
}
