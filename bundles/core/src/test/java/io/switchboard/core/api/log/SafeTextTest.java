package io.switchboard.core.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void aNewlineCannotStartAForgedLogLine() {
        String forged = "boom\n2026-12-03 07:00:00.000 INFO  [main] i.s.c.Admin - admin key rotated\r\nmore";

        String safe = SafeText.of(forged);

        assertThat(safe).doesNotContain("\n").doesNotContain("\r");
        assertThat(safe).isEqualTo("boom\\n2026-12-03 07:00:00.000 INFO  [main] i.s.c.Admin - admin key rotated\\r\\nmore");
    }

    @Test
    void otherControlCharactersLineSeparatorsAndBidiOverridesAreEscaped() {
        assertThat(SafeText.of("a\u0000b\u001b[31mc\u2028d\u202ee\u0085f\tg")).isEqualTo("a\\u0000b\\u001b[31mc\\u2028d\\u202ee\\u0085f\\tg");
    }

    @Test
    void longTextIsCutAtTheCapSayingHowMuchWasLeftOut() {
        String padding = "E".repeat(2 * 1024 * 1024);

        String safe = SafeText.of(padding);

        assertThat(safe).hasSize(SafeText.DEFAULT_MAX_CHARS + "...[+2096152 chars]".length());
        assertThat(safe).endsWith("...[+" + (padding.length() - SafeText.DEFAULT_MAX_CHARS) + " chars]");
        assertThat(SafeText.of("abcdef", 3)).isEqualTo("abc...[+3 chars]");
    }

    @Test
    void plainShortTextAndNullStayAsTheyAre() {
        String plain = "function greeter failed: TypeError: x is undefined";

        assertThat(SafeText.of(plain)).isSameAs(plain);
        assertThat(SafeText.of(null)).isEqualTo("null");
    }

    @Test
    void aSurrogatePairIsNeverSplitAtTheCap() {
        assertThat(SafeText.of("ab\uD83D\uDE00cd", 3)).isEqualTo("ab...[+4 chars]");
    }
}
