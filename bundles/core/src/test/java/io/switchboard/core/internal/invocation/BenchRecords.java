package io.switchboard.core.internal.invocation;

import io.switchboard.core.internal.id.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.IntFunction;

/** Records written straight into the table for the record benchmarks (ListingBenchmark, RecordWriteBenchmark). */
final class BenchRecords {
    private BenchRecords() {
    }

    /**
     * Inserts {@code count} small OK records of account {@code acme}, started one millisecond apart and ending now,
     * committing every 5,000; record {@code i} belongs to the function {@code functionOf.apply(i)}.
     */
    static void insert(Connection c, int count, IntFunction<String> functionOf) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO invocations (id, account, function_id, version, event_type, "
                + "trigger_kind, started_at, duration_ms, outcome, result, logs, record_bytes) VALUES (?, 'acme', ?, 1, "
                + "'conversational_command', 'EVENT', ?, 2, 'OK', '{\"text\":\"hello\"}', '[]', 300)")) {
            long start = System.currentTimeMillis() - count;
            for (int i = 0; i < count; i++) {
                insert.setString(1, TimeOrderedIds.next());
                insert.setString(2, functionOf.apply(i));
                insert.setLong(3, start + i);
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
        }
    }
}
