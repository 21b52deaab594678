package io.switchboard.core.internal.schedule;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.schedule.ScheduleSpec;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;

/** SQL of the {@code schedules} table; callers own the transaction. */
final class ScheduleRepository {

    /** The row of {@code binding_locks} that serialises creating an account's schedules (its limit), across instances. */
    static final String LOCK_NAME = "#schedules";

    private static final TypeReference<List<Header>> HEADERS = new TypeReference<>() { };
    private static final String COLUMNS = "id, account, function_id, cron_expression, active, description, time_zone, headers, payload, "
            + "next_execution, last_execution, last_failed, last_invocation_id, created_at, updated_at";

    List<ScheduleRow> list(Connection c, String account) throws SQLException {
        return Rows.list(c, "SELECT " + COLUMNS + " FROM schedules WHERE account = ? ORDER BY created_at, id", ScheduleRepository::row, account);
    }

    List<ScheduleRow> active(Connection c) throws SQLException {
        return Rows.list(c, "SELECT " + COLUMNS + " FROM schedules WHERE active = TRUE", ScheduleRepository::row);
    }

    Optional<ScheduleRow> find(Connection c, String account, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM schedules WHERE account = ? AND id = ?", ScheduleRepository::row, account, id);
    }

    Optional<ScheduleRow> find(Connection c, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM schedules WHERE id = ?", ScheduleRepository::row, id);
    }

    long count(Connection c, String account) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM schedules WHERE account = ?", account);
    }

    /** Locks the account's schedules until the transaction ends, so that concurrent creates count one after another. */
    void lockAccount(Connection c, String account) throws SQLException {
        if (Rows.count(c, "SELECT COUNT(*) FROM binding_locks WHERE account = ? AND event_type = ?", account, LOCK_NAME) == 0) {
            try {
                Rows.update(c, "INSERT INTO binding_locks (account, event_type) VALUES (?, ?)", account, LOCK_NAME);
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
        }
        Rows.list(c, "SELECT account FROM binding_locks WHERE account = ? AND event_type = ? FOR UPDATE", rs -> rs.getString(1),
                account, LOCK_NAME);
    }

    void insert(Connection c, ScheduleRow row) throws SQLException {
        ScheduleSpec s = row.spec();
        Rows.update(c, "INSERT INTO schedules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.id(), row.account(), s.functionUuid(), s.cronExpression(), s.active(), s.description(), s.timeZone(),
                Json.write(s.headers()), s.payloadJson(), millis(row.nextExecution()), null, null, null,
                row.createdAt().toEpochMilli(), row.updatedAt().toEpochMilli());
    }

    /** Replaces the definition; the firing history stays. */
    int update(Connection c, String account, String id, ScheduleSpec s, Instant next, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE schedules SET function_id = ?, cron_expression = ?, active = ?, description = ?, time_zone = ?, "
                + "headers = ?, payload = ?, next_execution = ?, updated_at = ? WHERE account = ? AND id = ?",
                s.functionUuid(), s.cronExpression(), s.active(), s.description(), s.timeZone(), Json.write(s.headers()), s.payloadJson(),
                millis(next), now.toEpochMilli(), account, id);
    }

    int delete(Connection c, String account, String id) throws SQLException {
        return Rows.update(c, "DELETE FROM schedules WHERE account = ? AND id = ?", account, id);
    }

    /**
     * Claims the firing planned for {@code plannedAt}: true for exactly one caller, across instances and restarts (a
     * firing already claimed, say by an instance that died while running it, is not run again).
     */
    boolean claimFiring(Connection c, String id, Instant plannedAt) throws SQLException {
        return Rows.update(c, "UPDATE schedules SET last_fired_for = ? WHERE id = ? AND (last_fired_for IS NULL OR last_fired_for < ?)",
                plannedAt.toEpochMilli(), id, plannedAt.toEpochMilli()) == 1;
    }

    void recordFiring(Connection c, String id, Instant firedAt, boolean failed, String invocationId, Instant next) throws SQLException {
        Rows.update(c, "UPDATE schedules SET last_execution = ?, last_failed = ?, last_invocation_id = ?, next_execution = ? WHERE id = ?",
                firedAt.toEpochMilli(), failed, invocationId, millis(next), id);
    }

    void recordNext(Connection c, String id, Instant next) throws SQLException {
        Rows.update(c, "UPDATE schedules SET next_execution = ? WHERE id = ?", millis(next), id);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static ScheduleRow row(ResultSet rs) throws SQLException {
        ScheduleSpec spec = new ScheduleSpec(rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                Json.read(rs.getString(8), HEADERS), rs.getString(9));
        boolean failed = rs.getBoolean(12);
        Boolean lastFailed = rs.wasNull() ? null : failed;
        return new ScheduleRow(rs.getString(1), rs.getString(2), spec, instant(rs, 10), instant(rs, 11), lastFailed, rs.getString(13),
                instant(rs, 14), instant(rs, 15));
    }
}
