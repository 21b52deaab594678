package io.switchboard.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathsTest {

    @Test
    void dotSegmentsEncodedSeparatorsBackslashesAndControlCharactersAreAmbiguous() {
        for (String path : new String[] {"/api/v1/..", "/api/v1/../health", "/api/v1/./event-types", "/a/..;x=1/b", "/api/v1/%2e%2e/",
                "/api/v1/%2E./x", "/api/v1/a%2Fb", "/api/v1/a%5cb", "/api/v1/a%00", "/api/v1\\x", "/a\tb"}) {
            assertThat(RequestPaths.problemOf(path)).as(path).isPresent();
        }
    }

    @Test
    void ordinaryPathsPass() {
        for (String path : new String[] {"/", "/health", "/api/v1/accounts/acme/functions/f-1.v2", "/events/a/b", "/api/v1/x%20y",
                "/api/v1/...", "/api/v1/a..b", "/api/v1//event-types"}) {
            assertThat(RequestPaths.problemOf(path)).as(path).isEmpty();
        }
    }
}
