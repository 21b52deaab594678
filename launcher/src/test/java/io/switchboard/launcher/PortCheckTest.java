package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void failsWithAOneLineMessageWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PortCheck.requireFree("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("HTTP port " + taken.getLocalPort())
                    .hasMessageContaining("SWITCHBOARD_HTTP_PORT")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void seesAListeningPortAndGivesUpOnAClosedOne() throws Exception {
        int closedPort;
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(PortCheck.awaitListening("127.0.0.1", open.getLocalPort(), Duration.ofSeconds(2))).isTrue();
            closedPort = open.getLocalPort();
        }
        assertThat(PortCheck.awaitListening("127.0.0.1", closedPort, Duration.ofMillis(300))).isFalse();
    }
}
