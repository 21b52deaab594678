package io.switchboard.core.internal.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.switchboard.core.api.security.KeyInfo;
import io.switchboard.core.internal.db.Rows;

/** SQL of the {@code api_keys} table (issued keys, by digest) and the account names the admin listing needs. */
final class IssuedKeyRepository {

    /** An issued key: its digest and who it is for. */
    record Row(KeyInfo info, String digest) {
    }

    List<Row> all(Connection c) throws SQLException {
        return Rows.list(c, "SELECT id, account, created_at, key_hash FROM api_keys ORDER BY created_at, id", rs ->
                new Row(new KeyInfo(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))), rs.getString(4)));
    }

    void insert(Connection c, KeyInfo info, String digest) throws SQLException {
        Rows.update(c, "INSERT INTO api_keys (id, account, key_hash, created_at) VALUES (?, ?, ?, ?)", info.id(), info.account(),
                digest, info.createdAt().toEpochMilli());
    }

    int deleteOthers(Connection c, String account, String keepId) throws SQLException {
        return Rows.update(c, "DELETE FROM api_keys WHERE account = ? AND id <> ?", account, keepId);
    }

    int delete(Connection c, String account, String id) throws SQLException {
        return Rows.update(c, "DELETE FROM api_keys WHERE account = ? AND id = ?", account, id);
    }

    /** Functions per account, for the accounts listing. */
    Map<String, Long> functionCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        Rows.list(c, "SELECT account, COUNT(*) FROM functions GROUP BY account", rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }
}
