package io.switchboard.core.internal.invocation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.quota.AccountQuotas;

/**
 * The bytes of invocation records each account keeps ({@code account_usage}), kept in step by every write and delete of
 * records in the same transaction, so maxRecordBytes of {@link AccountQuotas} is checked without scanning records; and
 * the deletes that keep accounts within it (oldest records first) and within a shorter retention of their own.
 */
final class RecordUsage {

    /** An account over its quota is trimmed to this share of it, so it is not trimmed again at every check. */
    static final double TRIM_TO = 0.9;
    private static final int TRIM_BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RecordUsage.class);

    private final Database database;
    private final AccountQuotas quotas;

    RecordUsage(Database database, AccountQuotas quotas) {
        this.database = database;
        this.quotas = quotas;
    }

    /**
     * Adds (or with negative values removes) bytes per account, in the caller's transaction; an account's first record
     * creates its row there too (no round trip of its own before the write: records are written behind the reply, and a
     * kill -9 loses those not yet committed). Should another instance create the same row at the same moment, the
     * transaction fails and the record writer stores its records again one by one, when the row exists.
     */
    static void add(Connection c, Map<String, Long> bytesByAccount) throws SQLException {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(bytesByAccount.entrySet());
        int[] updated;
        try (PreparedStatement update = c.prepareStatement("UPDATE account_usage SET record_bytes = record_bytes + ? WHERE account = ?")) {
            for (Map.Entry<String, Long> entry : entries) {
                update.setLong(1, entry.getValue());
                update.setString(2, entry.getKey());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                Rows.update(c, "INSERT INTO account_usage (account, record_bytes) VALUES (?, ?)", entries.get(i).getKey(),
                        Math.max(0, entries.get(i).getValue()));
            }
        }
    }

    /** The bytes of the records a delete is about to remove, per account, as negative amounts for {@link #add}. */
    static Map<String, Long> removed(Connection c, String where, Object... parameters) throws SQLException {
        Map<String, Long> removed = new TreeMap<>();
        Rows.list(c, "SELECT account, SUM(record_bytes) FROM invocations WHERE " + where + " GROUP BY account",
                rs -> removed.put(rs.getString(1), -rs.getLong(2)), parameters);
        return removed;
    }

    /** Bytes per account, as stored. */
    Map<String, Long> all() {
        Map<String, Long> usage = new TreeMap<>();
        database.withConnection("read record usage", c -> Rows.list(c, "SELECT account, record_bytes FROM account_usage",
                rs -> usage.put(rs.getString(1), rs.getLong(2))));
        return usage;
    }

    /** Deletes the oldest records of every account above its maxRecordBytes; returns how many records went. */
    int trimAccountsOverQuota() {
        int deleted = 0;
        for (Map.Entry<String, Long> entry : all().entrySet()) {
            long limit = quotas.of(entry.getKey()).maxRecordBytes();
            if (limit > 0 && entry.getValue() > limit) {
                deleted += trim(entry.getKey(), entry.getValue(), (long) (limit * TRIM_TO));
            }
        }
        return deleted;
    }

    private int trim(String account, long usage, long target) {
        long left = usage;
        long deleted = 0;
        while (left > target) {
            long excess = left - target;
            long[] batch = database.inTransaction("trim the records of " + account, c -> deleteOldest(c, account, excess));
            if (batch[0] == 0) {
                break;
            }
            deleted += batch[0];
            left -= batch[1];
        }
        LOG.info("Account {} kept {} bytes of invocation records, more than its quota (maxRecordBytes {}): deleted its {} oldest",
                account, usage, quotas.of(account).maxRecordBytes(), deleted);
        return (int) deleted;
    }

    /**
     * An account's oldest records first: ix_invocations_account_newest (V57: account, started_at DESC, id DESC) read backwards,
     * so H2 reads the batch off the index instead of sorting every record of the account. The order names the index's
     * columns, account first, each reversed: H2 does not see that a column fixed by the WHERE may lead the order, and
     * reads an index backwards only when every column is reversed (records of the same millisecond go by id, ascending: oldest first).
     */
    static final String OLDEST = "SELECT id, record_bytes FROM invocations WHERE account = ? ORDER BY account DESC, started_at, id "
            + "FETCH FIRST " + TRIM_BATCH + " ROWS ONLY";

    /** Deletes at most a batch of the account's oldest records, enough for {@code excess} bytes; {count, bytes}. */
    private static long[] deleteOldest(Connection c, String account, long excess) throws SQLException {
        List<String> ids = new ArrayList<>();
        long[] freed = {0};
        Rows.list(c, OLDEST, rs -> {
                    if (freed[0] < excess) {
                        ids.add(rs.getString(1));
                        freed[0] += rs.getLong(2);
                    }
                    return null;
                }, account);
        if (ids.isEmpty()) {
            return new long[] {0, 0};
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        Rows.update(c, "DELETE FROM invocations WHERE id IN (" + in + ")", ids.toArray());
        add(c, Map.of(account, -freed[0]));
        return new long[] {ids.size(), freed[0]};
    }

    /** Deletes the records of accounts whose own retention is shorter than the platform's; returns how many went. */
    int purgeShorterRetentions(Instant now) {
        int deleted = 0;
        for (Map.Entry<String, AccountQuotas.Limits> entry : quotas.overridden().entrySet()) {
            int days = entry.getValue().retentionDays();
            if (days > 0) {
                long cutoff = now.minus(java.time.Duration.ofDays(days)).toEpochMilli();
                String account = entry.getKey();
                deleted += database.inTransaction("purge the records of " + account + " older than " + days + " days", c -> {
                    add(c, removed(c, "account = ? AND started_at < ?", account, cutoff));
                    return Rows.update(c, "DELETE FROM invocations WHERE account = ? AND started_at < ?", account, cutoff);
                });
            }
        }
        return deleted;
    }
}
