package io.switchboard.core.internal.invocation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestDatabase;

/**
 * Issue 18: the time and CPU of one page of a function's invocation records (and of an account's), on an H2 file
 * database as the distribution runs it, holding {@code bench.records} records of one function (default 1,000,000).
 * "after": the listing's SQL with the V55 indexes; "before": the SQL of main before V55 on the index set before V55
 * (the same data: V55's indexes dropped, V1's ix_invocations_function and V54's ix_invocations_account_started built again). Plain JDBC. Not part of the build
 * (no *Test name); run with {@code ./mvnw -pl bundles/core test -Dtest=ListingBenchmark [-Dbench.records=1000000]}.
 */
class ListingBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    private static final int REPEATS = Integer.getInteger("bench.repeats", 5);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final String OLD_FUNCTION_PAGE = "SELECT " + InvocationRepository.COLUMNS + " FROM invocations WHERE account = ? "
            + "AND function_id = ? ORDER BY started_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    private static final String OLD_ACCOUNT_PAGE = "SELECT " + InvocationRepository.COLUMNS + " FROM invocations WHERE account = ? "
            + "ORDER BY started_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    /** The page's total (the API's page carries it); the last parameter only varies the statement (see report). */
    private static final String COUNT = "SELECT COUNT(*) FROM invocations WHERE account = ? AND function_id = ? AND started_at > ?";

    @Test
    void measure() throws Exception {
        JdbcDatabase database = TestDatabase.inDataFolder(Files.createTempDirectory("listing-bench"));
        try {
            long t0 = System.nanoTime();
            database.inTransaction("generate", c -> {
                generate(c);
                return null;
            });
            System.out.printf("[bench] %d + %d records generated in %.1f s%n", RECORDS, RECORDS / 10, (System.nanoTime() - t0) / 1e9);
            String accountPage = new InvocationSearch("acme", null, io.switchboard.core.api.function.InvocationFilter.ALL).pageSql();
            database.withConnection("after", c -> {
                report(c, "after, function page 1 (50)", InvocationRepository.LIST, "acme", "f1", 0, 50);
                report(c, "after, function page 21 (50)", InvocationRepository.LIST, "acme", "f1", 1000, 50);
                report(c, "after, account page 1 (50)", accountPage, "acme", 0, 50);
                report(c, "count of the function's records", COUNT, "acme", "f1", Long.MIN_VALUE);
                return null;
            });
            database.inTransaction("indexes before V55", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX ix_invocations_function_newest");
                    s.execute("DROP INDEX ix_invocations_account_newest");
                    s.execute("CREATE INDEX ix_invocations_function ON invocations (account, function_id, started_at)");
                    s.execute("CREATE INDEX ix_invocations_account_started ON invocations (account, started_at, id)");
                }
                return null;
            });
            database.withConnection("before", c -> {
                report(c, "before, function page 1 (50)", OLD_FUNCTION_PAGE, "acme", "f1", 0, 50);
                report(c, "before, function page 21 (50)", OLD_FUNCTION_PAGE, "acme", "f1", 1000, 50);
                report(c, "before, account page 1 (50)", OLD_ACCOUNT_PAGE, "acme", 0, 50);
                return null;
            });
        } finally {
            database.close();
        }
    }

    /** One function of one account with RECORDS records, a second function with a tenth of that, one per millisecond. */
    private static void generate(Connection c) throws java.sql.SQLException {
        BenchRecords.insert(c, RECORDS * 11 / 10, i -> i % 11 == 10 ? "f2" : "f1"); // f1: RECORDS records
    }

    private static void report(Connection c, String what, String sql, Object... parameters) throws java.sql.SQLException {
        double[] millis = new double[REPEATS];
        double[] cpu = new double[REPEATS];
        int rows = 0;
        for (int r = 0; r < REPEATS; r++) {
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long before = System.nanoTime();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                // H2 hands back a query's last result while nothing changed and the parameters are the same: each repeat
                // moves the first number parameter (an offset, or a bound that excludes nothing) by one.
                int vary = firstNumber(parameters);
                statement.setObject(vary + 1, ((Number) parameters[vary]).longValue() + r);
                rows = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rows++;
                    }
                }
            }
            millis[r] = (System.nanoTime() - before) / 1e6;
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
        }
        Arrays.sort(millis);
        Arrays.sort(cpu);
        System.out.printf("[bench] %s: %d rows, median %.2f ms (min %.2f, max %.2f), CPU median %.2f ms%n", what, rows,
                millis[REPEATS / 2], millis[0], millis[REPEATS - 1], cpu[REPEATS / 2]);
    }

    private static int firstNumber(Object[] parameters) {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Number) {
                return i;
            }
        }
        throw new IllegalArgumentException("no number parameter to vary");
    }
}
