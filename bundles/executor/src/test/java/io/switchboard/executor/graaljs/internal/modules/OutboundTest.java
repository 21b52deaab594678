package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundTest {
    private final Outbound post = new Outbound(URI.create("https://api.example.com/a/b"), "POST",
            Map.of("Authorization", "Bearer t", "Content-Type", "application/json", "X-Trace", "1"), "{}");

    @Test
    void seeOtherBecomesAGetWithoutBodyOnTheSameHostKeepingCredentials() {
        Outbound next = post.redirectedBy(303, "/c?d=1");

        assertThat(next.uri()).isEqualTo(URI.create("https://api.example.com/c?d=1"));
        assertThat(next.method()).isEqualTo("GET");
        assertThat(next.body()).isNull();
        assertThat(next.headers()).containsOnlyKeys("Authorization", "X-Trace");
    }

    @Test
    void temporaryRedirectKeepsMethodAndBodyButDropsCredentialsForAnotherHost() {
        Outbound next = post.redirectedBy(307, "https://other.example.com/x");

        assertThat(next.method()).isEqualTo("POST");
        assertThat(next.body()).isEqualTo("{}");
        assertThat(next.headers()).containsOnlyKeys("Content-Type", "X-Trace");
    }

    @Test
    void otherAnswersAndUnusableLocationsAreNotFollowed() {
        assertThat(post.redirectedBy(200, "/x")).isNull();
        assertThat(post.redirectedBy(304, "/x")).isNull();
        assertThat(post.redirectedBy(302, null)).isNull();
        assertThat(post.redirectedBy(302, "file:///etc/passwd")).isNull();
        assertThat(post.redirectedBy(302, "ftp://api.example.com/")).isNull();
    }
}
