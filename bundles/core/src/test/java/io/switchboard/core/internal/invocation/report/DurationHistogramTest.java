package io.switchboard.core.internal.invocation.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.function.InvocationReport.Durations;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void durationsFallInTheBucketWhoseUpperBoundHoldsThem() {
        assertThat(DurationHistogram.bucketOf(0)).isZero();
        assertThat(DurationHistogram.bucketOf(1)).isZero();
        assertThat(DurationHistogram.bucketOf(2)).isEqualTo(1);
        assertThat(DurationHistogram.bucketOf(3)).isEqualTo(2);
        assertThat(DurationHistogram.bucketOf(60_000)).isEqualTo(DurationHistogram.BUCKETS - 2);
        assertThat(DurationHistogram.bucketOf(60_001)).isEqualTo(DurationHistogram.BUCKETS - 1);
    }

    @Test
    void percentilesAreTheUpperBoundsOfTheirBucketsCappedAtTheLongest() {
        DurationHistogram histogram = new DurationHistogram();
        for (int i = 0; i < 90; i++) {
            histogram.add(7); // bucket (5, 10]
        }
        for (int i = 0; i < 9; i++) {
            histogram.add(150); // bucket (100, 200]
        }
        histogram.add(1_234); // bucket (1000, 2000], the longest

        Durations durations = histogram.durations();
        assertThat(durations.count()).isEqualTo(100);
        assertThat(durations.p50()).isEqualTo(10);
        assertThat(durations.p95()).isEqualTo(200);
        assertThat(durations.p99()).isEqualTo(200);
        assertThat(durations.max()).isEqualTo(1_234);

        histogram.add(1_300); // now 101: the 99th percentile (rank 100) is in the bucket of the two longest
        assertThat(histogram.durations().p99()).isEqualTo(1_300);
    }

    @Test
    void durationsLongerThanTheLastBoundAreReportedAsTheLongest() {
        DurationHistogram histogram = new DurationHistogram();
        histogram.add(90_000);
        assertThat(histogram.durations().p50()).isEqualTo(90_000);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new DurationHistogram().durations()).isEqualTo(Durations.NONE);
    }

    @Test
    void histogramsOfMinutesAddUp() {
        DurationHistogram a = new DurationHistogram();
        a.add(3);
        DurationHistogram b = new DurationHistogram();
        b.add(3_000);
        b.add(3_000);
        a.addAll(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.durations().p50()).isEqualTo(3_000);
        assertThat(a.max()).isEqualTo(3_000);
    }
}
