package io.switchboard.core.internal.invocation.report;

import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SQL of the {@code invocation_rollup} table (V50): invocations per account, function, minute and state with a
 * duration histogram. Written in the transaction that stores the records, one upsert per key of the batch; read by
 * summing minutes into the report's buckets.
 */
public final class InvocationRollup {

    private static final long MINUTE = 60_000;
    private static final String HISTOGRAM = IntStream.range(0, DurationHistogram.BUCKETS).mapToObj(i -> String.format(Locale.ROOT, "h%02d", i))
            .collect(Collectors.joining(", "));
    private static final String COLUMNS = "account, function_id, minute_start, state, invocations, duration_sum_ms, max_ms, " + HISTOGRAM;
    private static final String PARAMETERS = IntStream.range(0, 7 + DurationHistogram.BUCKETS).mapToObj(i -> "?").collect(Collectors.joining(", "));

    /** Where a minute of a function's invocations in one state is counted. */
    record Key(String account, String functionId, long minuteStart, InvocationState state) {
    }

    /** Counts of one key. */
    static final class Counts {
        long invocations;
        long durationSum;
        final DurationHistogram histogram = new DurationHistogram();
    }

    /** A rollup row read back, summed into a report bucket: its slot (bucket index), state, counts and histogram. */
    record Row(int slot, InvocationState state, long invocations, long durationSum, DurationHistogram histogram) {
    }

    private final boolean postgres;
    private final String upsert;

    /** @param postgres whether the database is PostgreSQL (an upsert of its own) rather than H2 (standard MERGE) */
    public InvocationRollup(boolean postgres) {
        this.postgres = postgres;
        this.upsert = postgres ? postgresUpsert() : h2Merge();
    }

    public boolean postgres() {
        return postgres;
    }

    /** Adds the records to their minutes (the caller owns the transaction that also stores them). */
    public void add(Connection c, List<InvocationRecord> records) throws SQLException {
        Map<Key, Counts> byKey = aggregate(records);
        try (PreparedStatement statement = c.prepareStatement(upsert)) {
            for (Map.Entry<Key, Counts> e : byKey.entrySet()) {
                Key key = e.getKey();
                Counts counts = e.getValue();
                statement.setString(1, key.account());
                statement.setString(2, key.functionId());
                statement.setLong(3, key.minuteStart());
                statement.setString(4, key.state().name());
                statement.setLong(5, counts.invocations);
                statement.setLong(6, counts.durationSum);
                statement.setLong(7, counts.histogram.max());
                for (int i = 0; i < DurationHistogram.BUCKETS; i++) {
                    statement.setLong(8 + i, counts.histogram.count(i));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The records summed per key, so a batch of a busy minute costs one row update, not one per record. */
    static Map<Key, Counts> aggregate(List<InvocationRecord> records) {
        Map<Key, Counts> byKey = new LinkedHashMap<>();
        for (InvocationRecord r : records) {
            long started = r.startedAt().toEpochMilli();
            Key key = new Key(r.account(), r.functionId(), started - Math.floorMod(started, MINUTE), InvocationState.of(r.outcome(), r.error()));
            Counts counts = byKey.computeIfAbsent(key, k -> new Counts());
            counts.invocations++;
            counts.durationSum += Math.max(0, r.durationMs());
            counts.histogram.add(Math.max(0, r.durationMs()));
        }
        return byKey;
    }

    /**
     * The function's minutes in [from, from + buckets * bucketMillis) summed per bucket and state. The slot arithmetic
     * is written with literals (numbers computed here, never user text) so the grouped expression is the selected one.
     */
    public List<Row> read(Connection c, String account, String functionId, Instant from, long bucketMillis, int buckets) throws SQLException {
        long start = from.toEpochMilli();
        long end = start + bucketMillis * buckets;
        String slot = "((minute_start - " + start + ") / " + bucketMillis + ")";
        String sums = IntStream.range(0, DurationHistogram.BUCKETS).mapToObj(i -> String.format(Locale.ROOT, "SUM(h%02d)", i))
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + slot + ", state, SUM(invocations), SUM(duration_sum_ms), MAX(max_ms), " + sums
                + " FROM invocation_rollup WHERE account = ? AND function_id = ? AND minute_start >= ? AND minute_start < ?"
                + " GROUP BY " + slot + ", state";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, account);
            statement.setString(2, functionId);
            statement.setLong(3, start);
            statement.setLong(4, end);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        long[] counts = new long[DurationHistogram.BUCKETS];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rs.getLong(6 + i);
        }
        return new Row((int) rs.getLong(1), stateOf(rs.getString(2)), rs.getLong(3), rs.getLong(4), new DurationHistogram(counts, rs.getLong(5)));
    }

    private static InvocationState stateOf(String stored) {
        try {
            return InvocationState.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return InvocationState.UNKNOWN;
        }
    }

    /** Deletes minutes that started before the cutoff; returns how many rows. */
    public int deleteOlderThan(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM invocation_rollup WHERE minute_start < ?")) {
            statement.setLong(1, cutoff.toEpochMilli());
            return statement.executeUpdate();
        }
    }

    private static String increments(String table, String incoming) {
        return "invocations = " + table + ".invocations + " + incoming + ".invocations, duration_sum_ms = " + table + ".duration_sum_ms + "
                + incoming + ".duration_sum_ms, max_ms = GREATEST(" + table + ".max_ms, " + incoming + ".max_ms), "
                + IntStream.range(0, DurationHistogram.BUCKETS).mapToObj(i -> String.format(Locale.ROOT, "h%02d = %s.h%02d + %s.h%02d", i, table, i,
                        incoming, i)).collect(Collectors.joining(", "));
    }

    /** PostgreSQL: INSERT ... ON CONFLICT, safe when instances sharing the database add to the same minute at once. */
    private static String postgresUpsert() {
        return "INSERT INTO invocation_rollup (" + COLUMNS + ") VALUES (" + PARAMETERS + ") ON CONFLICT (account, function_id, minute_start, state) "
                + "DO UPDATE SET " + increments("invocation_rollup", "EXCLUDED");
    }

    /** H2 (one instance, one record writer): the standard MERGE. */
    private static String h2Merge() {
        String casts = "CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS VARCHAR(20)), "
                + IntStream.range(0, 3 + DurationHistogram.BUCKETS).mapToObj(i -> "CAST(? AS BIGINT)").collect(Collectors.joining(", "));
        String values = IntStream.range(0, DurationHistogram.BUCKETS).mapToObj(i -> String.format(Locale.ROOT, "s.h%02d", i))
                .collect(Collectors.joining(", "));
        return "MERGE INTO invocation_rollup t USING (VALUES (" + casts + ")) AS s (" + COLUMNS + ") ON t.account = s.account "
                + "AND t.function_id = s.function_id AND t.minute_start = s.minute_start AND t.state = s.state "
                + "WHEN MATCHED THEN UPDATE SET " + increments("t", "s")
                + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (s.account, s.function_id, s.minute_start, s.state, s.invocations, "
                + "s.duration_sum_ms, s.max_ms, " + values + ")";
    }
}
