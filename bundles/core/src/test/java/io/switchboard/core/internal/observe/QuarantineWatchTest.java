package io.switchboard.core.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QuarantineWatchTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aQuarantinedFunctionIsReportedWithItsAccountAndEndUntilTheQuarantineEnds() {
        MovingClock clock = new MovingClock();
        QuarantineWatch watch = new QuarantineWatch(Duration.ofSeconds(60), clock);

        watch.quarantined("acme", "f1");

        assertThat(watch.get()).singleElement().asString().startsWith("function f1 of account acme is quarantined until 2026-12-03T10:01:00Z");
        clock.now = clock.now.plusSeconds(60);
        assertThat(watch.get()).isEmpty();
    }
}
