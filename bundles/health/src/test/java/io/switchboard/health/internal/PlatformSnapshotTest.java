package io.switchboard.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformSnapshotTest {

    @Test
    void aFailedActivationIsExplainedByItsFirstCauseWhereTheComponentsMessageIs() {
        String failure = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance(Unknown Source)
                Caused by: java.lang.IllegalArgumentException: durationBucketsMillis of io.switchboard.metrics must be positive
                \tat io.switchboard.metrics.internal.Meters.buckets(Meters.java:71)
                Caused by: java.lang.NumberFormatException: For input string: "twenty"
                """;

        assertThat(PlatformSnapshot.failureReason(failure)).isEqualTo(
                "java.lang.IllegalArgumentException: durationBucketsMillis of io.switchboard.metrics must be positive");
        assertThat(PlatformSnapshot.failureReason("java.lang.IllegalStateException: no database\n\tat x")).isEqualTo(
                "java.lang.IllegalStateException: no database");
    }
}
