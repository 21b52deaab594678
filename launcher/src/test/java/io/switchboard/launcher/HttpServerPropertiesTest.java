package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server settings the launcher hands Felix HTTP Jetty, and that etc/framework.properties may change. */
class HttpServerPropertiesTest {

    @TempDir
    Path home;

    private Map<String, String> properties(String frameworkProperties) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/switchboard.properties"), "switchboard.http.port=18201\n");
        if (frameworkProperties != null) {
            Files.writeString(home.resolve("etc/framework.properties"), frameworkProperties);
        }
        return Platform.frameworkProperties(Settings.load(home, Map.of()), false);
    }

    @Test
    void jettyClosesIdleConnectionsAfter30SecondsAndSendsNoServerHeader() throws Exception {
        Map<String, String> properties = properties(null);

        assertThat(properties).containsEntry(Platform.HTTP_IDLE_TIMEOUT, "30000")
                .containsEntry("org.apache.felix.http.jetty.sendServerHeader", "false")
                .containsEntry("org.osgi.service.http.port", "18201");
    }

    @Test
    void anOperatorMayChangeTheIdleTimeoutInFrameworkProperties() throws Exception {
        assertThat(properties("org.apache.felix.http.timeout=10000\n")).containsEntry(Platform.HTTP_IDLE_TIMEOUT, "10000");
    }
}
