package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@DatabaseTest
class RetentionJobTest {

    private final CoreFixture core = new CoreFixture();

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void bothRetentionTasksRunRepeatedlyFromTheirOwnSchedulerTable() {
        AtomicInteger purges = new AtomicInteger();
        AtomicInteger trims = new AtomicInteger();
        try (RetentionJob job = new RetentionJob(core.database.dataSource(), purges::incrementAndGet, Duration.ofSeconds(1),
                trims::incrementAndGet, Duration.ofSeconds(1))) {
            job.start();
            Await.until("both tasks ran twice", () -> purges.get() >= 2 && trims.get() >= 2);
        }
        Long rows = core.database.withConnection("count", c -> Rows.count(c, "SELECT COUNT(*) FROM " + RetentionJob.TABLE));
        assertThat(rows).as("one row per recurring task").isEqualTo(2);
    }

    @Test
    void aFailedRunIsReportedUntilARunSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        Runnable failingOnce = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is gone");
            }
        };
        try (RetentionJob job = new RetentionJob(core.database.dataSource(), () -> { }, Duration.ofSeconds(1), failingOnce, Duration.ofSeconds(1))) {
            job.start();
            Await.until("the failure is reported", () -> !job.problems().isEmpty());
            assertThat(job.problems()).singleElement().asString().contains("maxRecordBytes", "the database is gone");
            Await.until("a later run succeeds and clears it", () -> job.problems().isEmpty() && attempts.get() >= 2);
        }
    }
}
