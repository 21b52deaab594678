package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void controlCharactersAreEscapedSoTextCannotStartAForgedLogLine() {
        String forged = "boom\n2026-12-03 07:00:00 INFO  [main] io.switchboard.core - admin logged in\r\u001b[31m\u2028";

        String safe = LogText.safe(forged);

        assertThat(safe).doesNotContain("\n", "\r", "\u001b", "\u2028")
                .isEqualTo("boom\\n2026-12-03 07:00:00 INFO  [main] io.switchboard.core - admin logged in\\r\\u001b[31m\\u2028");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String safe = LogText.safe("E".repeat(20 * 1024 * 1024), 100);

        assertThat(safe).startsWith("E".repeat(100)).endsWith("... [20971420 more characters]").hasSize(100 + 30);
    }

    @Test
    void anExceptionIsLoggedAsASafeCopyWithItsStackTraceAndCauses() {
        IllegalStateException original = new IllegalStateException("outer\nforged", new RuntimeException("inner\r" + "x".repeat(5000)));

        Throwable safe = LogText.safe(original);

        assertThat(safe.getMessage()).isEqualTo("java.lang.IllegalStateException: outer\\nforged");
        assertThat(safe.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(safe.getCause().getMessage()).startsWith("java.lang.RuntimeException: inner\\r").doesNotContain("\r")
                .hasSizeLessThan(LogText.MAX_CHARS + 80);
    }
}
