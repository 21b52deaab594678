package io.switchboard.core.api.function;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The periods an invocation report covers and the size of its buckets, as LivePerson's reports offer them.
 *
 * @since 1.5
 */
public enum ReportRange {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    DAY("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(1)),
    MONTH("30d", Duration.ofDays(30), Duration.ofHours(6));

    private final String label;
    private final Duration length;
    private final Duration bucket;

    ReportRange(String label, Duration length, Duration bucket) {
        this.label = label;
        this.length = length;
        this.bucket = bucket;
    }

    /** As written in {@code ?range=}: {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}. */
    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public Duration bucket() {
        return bucket;
    }

    /** How many buckets the report has. */
    public int buckets() {
        return (int) (length.toMillis() / bucket.toMillis());
    }

    /** The range written as {@link #label()}, if any. */
    public static Optional<ReportRange> ofLabel(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }
}
