package io.switchboard.api.http.internal;

/**
 * The API's configuration in checked form.
 *
 * @param maxBodyBytes largest request body accepted
 * @param defaultPageSize page size when a listing is asked without {@code size}
 * @param maxPageSize largest {@code size} a listing accepts
 */
public record ApiSettings(long maxBodyBytes, int defaultPageSize, int maxPageSize) {
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
    }

    static ApiSettings from(ApiConfiguration config) {
        return new ApiSettings(config.maxBodyBytes(), config.defaultPageSize(), config.maxPageSize());
    }
}
