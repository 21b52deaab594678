package io.switchboard.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 14, item 13: without the admin key /health tells only UP or DOWN. */
class HealthDetailsTest {

    private static final Authenticator KEYS = token -> switch (token) {
        case "admin-key" -> Optional.of(new Caller(null, true));
        case "acme-key" -> Optional.of(new Caller("acme", false));
        default -> Optional.empty();
    };

    private static final HealthReport DOWN = new HealthReport(
            List.of(new BundleSnapshot("switchboard.core", "0.1.0", "RESOLVED", false)), List.of());

    @Test
    void withoutAKeyOnlyTheStatusIsShown() {
        assertThat(DOWN.statusJson()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(DOWN.statusJson()).doesNotContain("switchboard.core", "0.1.0");
    }

    @Test
    void aWarningCheckIsListedForTheAdminWithoutMakingThePlatformDown() {
        HealthReport report = new HealthReport(List.of(new BundleSnapshot("switchboard.core", "0.1.0", "ACTIVE", false)), List.of(),
                List.of(new CheckSnapshot("configuration", List.of("maxTimeoutMillis=-5 refused"), false),
                        new CheckSnapshot("templates", List.of(), true)));

        assertThat(report.up()).isTrue();
        assertThat(report.warnings()).containsExactly("check configuration: maxTimeoutMillis=-5 refused");
        assertThat(report.toJson()).contains("\"warnings\":[\"check configuration: maxTimeoutMillis=-5 refused\"]",
                "{\"name\":\"configuration\",\"status\":\"WARN\"");
        assertThat(report.statusJson()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void onlyTheAdminKeyUnlocksTheDetails() {
        assertThat(AdminKey.presented("Bearer admin-key", KEYS)).isTrue();
        assertThat(AdminKey.presented("bearer   admin-key ", KEYS)).isTrue();
        assertThat(AdminKey.presented(null, KEYS)).isFalse();
        assertThat(AdminKey.presented("Bearer acme-key", KEYS)).as("an account key").isFalse();
        assertThat(AdminKey.presented("Bearer wrong", KEYS)).isFalse();
        assertThat(AdminKey.presented("Basic YWRtaW4=", KEYS)).isFalse();
        assertThat(AdminKey.presented("Bearer admin-key", null)).as("no core running").isFalse();
    }
}
