package io.switchboard.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static final BundleSnapshot CORE_ACTIVE = new BundleSnapshot("switchboard.core", "0.1.0", "ACTIVE", false);
    private static final ComponentSnapshot DISPATCHER_ACTIVE =
            new ComponentSnapshot("dispatcher", "switchboard.core", "ACTIVE", "");

    @Test
    void isUpWhenEveryBundleIsActiveAndEveryComponentRuns() {
        var report = new HealthReport(List.of(CORE_ACTIVE), List.of(DISPATCHER_ACTIVE,
                new ComponentSnapshot("kafka", "switchboard.core", "NOT_CONFIGURED", "")));

        assertThat(report.up()).isTrue();
        assertThat(report.toJson()).startsWith("{\"status\":\"UP\",\"problems\":[]");
    }

    @Test
    void isDownAndNamesABundleThatIsOnlyResolved() {
        var report = new HealthReport(List.of(CORE_ACTIVE,
                new BundleSnapshot("switchboard.executor.graaljs", "0.1.0", "RESOLVED", false)), List.of());

        assertThat(report.up()).isFalse();
        assertThat(report.problems()).containsExactly("bundle switchboard.executor.graaljs is RESOLVED");
    }

    @Test
    void acceptsAResolvedFragment() {
        var report = new HealthReport(List.of(new BundleSnapshot("switchboard.fragment", "1", "RESOLVED", true)), List.of());

        assertThat(report.up()).isTrue();
    }

    @Test
    void isDownAndSaysWhatAComponentWaitsFor() {
        var report = new HealthReport(List.of(CORE_ACTIVE), List.of(new ComponentSnapshot(
                "dispatcher", "switchboard.core", "UNSATISFIED_REFERENCE", "waiting for executor")));

        assertThat(report.up()).isFalse();
        assertThat(report.problems()).containsExactly(
                "component dispatcher (switchboard.core) is UNSATISFIED_REFERENCE: waiting for executor");
        assertThat(report.toJson()).contains("\"status\":\"DOWN\"", "\"detail\":\"waiting for executor\"");
    }

    @Test
    void aContributedCheckWithAProblemMakesItDownAndIsListed() {
        var routes = CheckSnapshot.of("camel-routes", () -> List.of("routes of bundle com.example.source could not start: port taken"));
        var clean = CheckSnapshot.of("other", List::of);
        var report = new HealthReport(List.of(CORE_ACTIVE), List.of(DISPATCHER_ACTIVE), List.of(clean, routes));

        assertThat(report.up()).isFalse();
        assertThat(report.problems()).containsExactly(
                "check camel-routes: routes of bundle com.example.source could not start: port taken");
        assertThat(report.toJson()).contains("\"checks\":[{\"name\":\"other\",\"status\":\"UP\",\"problems\":[]},"
                + "{\"name\":\"camel-routes\",\"status\":\"DOWN\",\"problems\":[\"routes of bundle");
        assertThat(new HealthReport(List.of(CORE_ACTIVE), List.of(), List.of(clean)).up()).isTrue();
    }

    @Test
    void aCheckThatThrowsOrAnswersNonsenseIsAProblemItself() {
        assertThat(CheckSnapshot.of("boom", () -> {
            throw new IllegalStateException("broken");
        }).problems()).containsExactly("the check failed: java.lang.IllegalStateException: broken");
        assertThat(CheckSnapshot.of("odd", () -> "fine").problems()).singleElement().asString().contains("java.lang.String");
        assertThat(CheckSnapshot.of("quiet", () -> null).healthy()).isTrue();
    }

    @Test
    void escapesTextInJson() {
        assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
