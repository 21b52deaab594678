package io.switchboard.core.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.observe.AsyncQueueState;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@DatabaseTest
class AsyncQueueStatisticsImplTest {

    private static final long NOW = 1_000_000_000L;

    private final CoreFixture core = new CoreFixture();
    private final AsyncQueueStatisticsImpl statistics = new AsyncQueueStatisticsImpl(core.database,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @AfterEach
    void close() {
        core.close();
    }

    private void task(String id, String status, long nextAttemptAt) {
        core.database.withConnection("insert a task", c -> Rows.update(c, "INSERT INTO async_tasks (id, event_id, account, function_id, "
                + "version, status, attempts, next_attempt_at, updated_at) VALUES (?, 'e', 'acme', 'f', 1, ?, 0, ?, 0)", id, status, nextAttemptAt));
    }

    @Test
    void anEmptyQueueHasNothingPendingAndNoAge() {
        assertThat(statistics.state()).isEqualTo(new AsyncQueueState(0, 0, 0));
    }

    @Test
    void pendingTasksAreCountedAndTheAgeIsTheOldestDueTasksWhileRetriesWaitingForTheirBackoffAreNotLate() {
        task("t1", "PENDING", NOW - 4_000);
        task("t2", "PENDING", NOW - 1_000);
        task("t3", "PENDING", NOW + 60_000);
        task("t4", "DEAD", NOW - 90_000);
        task("t5", "DONE", NOW - 90_000);

        assertThat(statistics.state()).isEqualTo(new AsyncQueueState(3, 4_000, 1));
    }
}
