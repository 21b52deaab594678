package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestDatabase;

/**
 * Issue 18: every listing of invocation records reads its page off an index, in the index's order, instead of sorting
 * all the records it matches (which took seconds per page with a million records of one function). H2's plan says
 * which index it reads and, when that index gives the order, "index sorted"; without it H2 sorts every match. H2 only:
 * PostgreSQL chooses by its statistics, and scans an index either way.
 */
class ListingPlanTest {

    private JdbcDatabase database;

    @BeforeEach
    void open() {
        Assumptions.assumeFalse(TestDatabase.postgres(), "H2's plans");
        database = TestDatabase.inMemory();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aFunctionsPageIsReadOffItsIndexWithoutASort() {
        assertThat(plan(InvocationRepository.LIST, "acme", "f1", 40, 20))
                .contains("IX_INVOCATIONS_FUNCTION_NEWEST").contains("index sorted");
    }

    @Test
    void aTasksEarlierSuccessfulRunIsReadOffTheFunctionsIndex() {
        assertThat(plan(InvocationRepository.SUCCESSFUL_RUN, "acme", "f1", 5L, "e1"))
                .contains("IX_INVOCATIONS_FUNCTION_NEWEST").contains("STARTED_AT >=").contains("index sorted");
    }

    @Test
    void searchesOfAFunctionAndOfAnAccountAreReadOffTheirIndexesWithoutASort() {
        InvocationFilter filtered = new InvocationFilter(Set.of(Outcome.ERROR, Outcome.TIMEOUT), Set.of(Trigger.EVENT), 2,
                Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(9_000), null, null);
        for (InvocationFilter filter : List.of(InvocationFilter.ALL, filtered)) {
            InvocationSearch ofFunction = new InvocationSearch("acme", "f1", filter);
            InvocationSearch ofAccount = new InvocationSearch("acme", null, filter);

            assertThat(plan(ofFunction.pageSql(), paged(ofFunction))).contains("IX_INVOCATIONS_FUNCTION_NEWEST").contains("index sorted");
            assertThat(plan(ofFunction.streamSql(100), ofFunction.parameters().toArray())).contains("IX_INVOCATIONS_FUNCTION_NEWEST")
                    .contains("index sorted");
            assertThat(plan(ofAccount.pageSql(), paged(ofAccount))).contains("IX_INVOCATIONS_ACCOUNT_NEWEST").contains("index sorted");
            assertThat(plan(ofAccount.streamSql(100), ofAccount.parameters().toArray())).contains("IX_INVOCATIONS_ACCOUNT_NEWEST")
                    .contains("index sorted");
        }
    }

    @Test
    void trimmingReadsAnAccountsOldestRecordsOffItsIndexBackwards() {
        database.inTransaction("records", c -> {
            insert(c, "i3", "f1", 20);
            insert(c, "i1", "f2", 20);
            insert(c, "i4", "f1", 30);
            insert(c, "i0", "f1", 10);
            return null;
        });

        assertThat(plan(RecordUsage.OLDEST, "acme")).contains("IX_INVOCATIONS_ACCOUNT_NEWEST").contains("index sorted");
        assertThat(database.<List<String>>withConnection("oldest", c -> io.switchboard.core.internal.db.Rows.list(c, RecordUsage.OLDEST,
                rs -> rs.getString(1), "acme"))).containsExactly("i0", "i1", "i3", "i4");
    }

    @Test
    void pagesKeepTheirOrderNewestFirstAndRunsOfTheSameMillisecondLaterIdFirst() {
        database.inTransaction("records", c -> {
            insert(c, "i3", "f1", 20);
            insert(c, "i1", "f1", 20); // the same millisecond: the later (larger, time-ordered) id first
            insert(c, "i2", "f2", 20);
            insert(c, "i4", "f1", 30);
            insert(c, "i0", "f1", 10);
            return null;
        });

        List<String> ofFunction = database.withConnection("list", c -> ids(new InvocationRepository().list(c, "acme", "f1", 0, 10)));
        List<String> secondPage = database.withConnection("list", c -> ids(new InvocationRepository().list(c, "acme", "f1", 2, 2)));
        List<String> ofAccount = database.withConnection("search", c -> ids(new InvocationSearch("acme", null, InvocationFilter.ALL)
                .page(c, 0, 10)));

        assertThat(ofFunction).containsExactly("i4", "i3", "i1", "i0");
        assertThat(secondPage).containsExactly("i1", "i0");
        assertThat(ofAccount).containsExactly("i4", "i3", "i2", "i1", "i0");
    }

    private static Object[] paged(InvocationSearch search) {
        List<Object> all = new java.util.ArrayList<>(search.parameters());
        all.add(40);
        all.add(20);
        return all.toArray();
    }

    private String plan(String sql, Object... parameters) {
        return database.withConnection("explain", c -> {
            try (PreparedStatement statement = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static void insert(Connection c, String id, String function, long startedAt) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO invocations (id, account, function_id, version, trigger_kind, started_at, duration_ms, outcome, logs) "
                    + "VALUES ('" + id + "', 'acme', '" + function + "', 1, 'EVENT', " + startedAt + ", 1, 'OK', '[]')");
        }
    }

    private static List<String> ids(List<InvocationRecord> records) {
        return records.stream().map(InvocationRecord::id).toList();
    }
}
