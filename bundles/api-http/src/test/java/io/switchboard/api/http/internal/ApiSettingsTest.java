package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void sensibleLimitsAreAccepted() {
        assertThat(new ApiSettings(1, 1, 1).maxPageSize()).isEqualTo(1);
    }

    @Test
    void aDefaultPageSizeAboveTheMaximumIsRefusedWithBothValues() {
        assertThatThrownBy(() -> new ApiSettings(1024, 50, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultPageSize").hasMessageContaining("50").hasMessageContaining("10");
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        assertThatThrownBy(() -> new ApiSettings(0, 20, 100)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> new ApiSettings(1024, 20, 0)).hasMessageContaining("maxPageSize");
    }
}
