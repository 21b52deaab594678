package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestDatabase;

/**
 * Issue 18: a page of an account's dead letters is read off ix_async_tasks_status_account (V56) in its order, not by
 * sorting every dead letter of the account. H2 only (PostgreSQL chooses by its statistics).
 */
class DeadLetterPlanTest {

    @Test
    void aPageOfDeadLettersIsReadOffTheStatusIndexWithoutASort() {
        Assumptions.assumeFalse(TestDatabase.postgres(), "H2's plans");
        JdbcDatabase database = TestDatabase.inMemory();
        try {
            String plan = database.withConnection("explain", c -> {
                try (PreparedStatement statement = c.prepareStatement("EXPLAIN " + AsyncTaskRepository.DEAD_LETTERS)) {
                    statement.setString(1, "acme");
                    statement.setString(2, "DEAD");
                    statement.setInt(3, 40);
                    statement.setInt(4, 20);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });

            assertThat(plan).contains("IX_ASYNC_TASKS_STATUS_ACCOUNT").contains("index sorted");
        } finally {
            database.close();
        }
    }
}
