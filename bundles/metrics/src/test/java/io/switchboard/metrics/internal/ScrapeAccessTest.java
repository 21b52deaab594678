package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrapeAccessTest {

    private final Authenticator keys = token -> switch (token) {
        case "admin-key" -> Optional.of(new Caller(null, true));
        case "acme-key" -> Optional.of(new Caller("acme", false));
        default -> Optional.empty();
    };

    @Test
    void theAdminKeyMayScrapeAndAnAccountKeyMayNot() {
        ScrapeAccess access = new ScrapeAccess("");

        assertThat(access.allowed("Bearer admin-key", keys)).isTrue();
        assertThat(access.allowed("Bearer acme-key", keys)).isFalse();
        assertThat(access.allowed(null, keys)).isFalse();
        assertThat(access.allowed("Basic admin-key", keys)).isFalse();
        assertThat(access.allowed("Bearer admin-key", null)).as("no core, no admin key").isFalse();
    }

    @Test
    void theScrapeTokenIsAcceptedInPlainTextOrAsItsSha256() {
        assertThat(new ScrapeAccess("prom-secret").allowed("Bearer prom-secret", keys)).isTrue();
        // printf prom-secret | sha256sum
        ScrapeAccess hashed = new ScrapeAccess("sha256:0f1f4ce5b2e1b0f4ab1b46e8c3e1f3cc3b7d5b5d0d7d7a7fd1f7c4ea3e5b0c1a");
        assertThat(hashed.allowed("Bearer prom-secret", keys)).isFalse();
        ScrapeAccess real = new ScrapeAccess("sha256:" + java.util.HexFormat.of().formatHex(sha256("prom-secret")));
        assertThat(real.allowed("Bearer prom-secret", keys)).isTrue();
        assertThat(real.allowed("Bearer prom-secreT", keys)).isFalse();
    }

    @Test
    void aMalformedHashIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ScrapeAccess("sha256:xyz")).hasMessageContaining("scrapeToken");
        assertThatThrownBy(() -> new ScrapeAccess("sha256:abcd")).hasMessageContaining("64 hexadecimal digits");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
