package io.switchboard.api.http.internal;

/**
 * The API's configuration in checked form.
 *
 * @param maxBodyBytes largest request body accepted
 * @param defaultPageSize page size when a listing is asked without {@code size}
 * @param maxPageSize largest {@code size} a listing accepts
 * @param maxPageOffset how many items a listing may skip ({@code page} times {@code size}); deeper pages are refused
 */
public record ApiSettings(long maxBodyBytes, int defaultPageSize, int maxPageSize, int maxPageOffset) {
    /** The default depth of listings (see {@link ApiConfiguration#maxPageOffset()}). */
    public static final int DEFAULT_MAX_PAGE_OFFSET = 1_000_000;

    public ApiSettings(long maxBodyBytes, int defaultPageSize, int maxPageSize) {
        this(maxBodyBytes, defaultPageSize, maxPageSize, DEFAULT_MAX_PAGE_OFFSET);
    }

    public ApiSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
        }
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("defaultPageSize must be from 1 to maxPageSize (" + maxPageSize + "), was " + defaultPageSize);
        }
        if (maxPageOffset < 0) {
            throw new IllegalArgumentException("maxPageOffset must be at least 0, was " + maxPageOffset);
        }
    }

    static ApiSettings from(ApiConfiguration config) {
        return new ApiSettings(config.maxBodyBytes(), config.defaultPageSize(), config.maxPageSize(), config.maxPageOffset());
    }
}
