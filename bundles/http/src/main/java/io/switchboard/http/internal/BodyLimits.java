package io.switchboard.http.internal;

/**
 * The body-reading configuration in checked form.
 *
 * @param timeoutMillis longest time a body may take
 * @param minBytesPerSecond slowest a body may arrive after its first second (0: any rate)
 * @param maxReads most bodies read at once on the server
 * @param maxReadsPerAccount most bodies read at once for one account
 */
public record BodyLimits(long timeoutMillis, long minBytesPerSecond, int maxReads, int maxReadsPerAccount) {

    public BodyLimits {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("bodyReadTimeoutMillis of " + BoundedBodyReader.PID + " must be at least 1, was " + timeoutMillis);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBodyBytesPerSecond of " + BoundedBodyReader.PID + " must not be negative, was "
                    + minBytesPerSecond);
        }
        if (maxReads < 1 || maxReadsPerAccount < 1) {
            throw new IllegalArgumentException("maxConcurrentBodyReads and maxConcurrentBodyReadsPerAccount of " + BoundedBodyReader.PID
                    + " must be at least 1, were " + maxReads + " and " + maxReadsPerAccount);
        }
    }

    static BodyLimits from(BodyReadingConfiguration config) {
        return new BodyLimits(config.bodyReadTimeoutMillis(), config.minBodyBytesPerSecond(), config.maxConcurrentBodyReads(),
                config.maxConcurrentBodyReadsPerAccount());
    }
}
