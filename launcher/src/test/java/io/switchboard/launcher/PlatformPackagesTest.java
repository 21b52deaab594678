package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformPackagesTest {

    @Test
    void exportsThePolyglotApiAndSlf4jWithVersions() {
        String extra = PlatformPackages.systemPackagesExtra();

        assertThat(extra.split(","))
                .contains("org.graalvm.polyglot;version=25.0.3", "org.graalvm.polyglot.proxy;version=25.0.3",
                        "org.graalvm.home;version=25.0.3", "org.slf4j;version=2.0.17");
        assertThat(extra).doesNotEndWith(",");
    }
}
