package io.switchboard.core.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.FieldError;

class CronRulesTest {

    private static CronRules parse(String expression, String zone) {
        List<FieldError> errors = new ArrayList<>();
        CronRules rules = CronRules.parse(expression, zone, Duration.ofMinutes(1), errors);
        assertThat(errors).isEmpty();
        return rules;
    }

    @Test
    void fiveFieldsAreReadInTheSchedulesTimeZone() {
        CronRules berlin = parse("0 9 * * *", "Europe/Berlin");
        CronRules utc = parse("0 9 * * *", "Etc/UTC");

        assertThat(berlin.nextAfter(Instant.parse("2026-01-15T07:00:00Z"))).isEqualTo(Instant.parse("2026-01-15T08:00:00Z"));
        assertThat(berlin.nextAfter(Instant.parse("2026-07-15T06:00:00Z"))).isEqualTo(Instant.parse("2026-07-15T07:00:00Z"));
        assertThat(utc.nextAfter(Instant.parse("2026-01-15T07:00:00Z"))).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
    }

    @Test
    void everyMinuteIsTheShortestAllowedByDefault() {
        CronRules everyMinute = parse("* * * * *", "Etc/UTC");

        assertThat(everyMinute.nextAfter(Instant.parse("2026-01-15T07:00:30Z"))).isEqualTo(Instant.parse("2026-01-15T07:01:00Z"));
    }

    @Test
    void dayOfWeekRangesWork() {
        CronRules weekdays = parse("30 8 * * 1-5", "Etc/UTC");

        // 2026-01-17 is a Saturday: the next weekday morning is Monday the 19th.
        assertThat(weekdays.nextAfter(Instant.parse("2026-01-17T00:00:00Z"))).isEqualTo(Instant.parse("2026-01-19T08:30:00Z"));
    }
}
