package io.switchboard.core.internal.function;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;

/** SQL of the {@code functions}, {@code function_versions} and {@code bindings} tables; callers own the transaction. */
public final class FunctionRepository {

    private static final String COLUMNS = "id, account, spec, state, deployed_version, latest_version, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    Optional<FunctionRow> find(Connection c, String account, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM functions WHERE account = ? AND id = ?", FunctionRepository::row, account, id);
    }

    /**
     * The function's row, locked until the transaction ends: every lifecycle change of one function reads its state
     * through this, so concurrent changes (also from other instances) apply one after another to the latest state.
     */
    Optional<FunctionRow> lock(Connection c, String account, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM functions WHERE account = ? AND id = ? FOR UPDATE", FunctionRepository::row, account, id);
    }

    Optional<FunctionRow> findByName(Connection c, String account, String name) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM functions WHERE account = ? AND name = ?", FunctionRepository::row, account, name);
    }

    List<FunctionRow> list(Connection c, String account, int offset, int limit) throws SQLException {
        return Rows.list(c, "SELECT " + COLUMNS + " FROM functions WHERE account = ? ORDER BY name, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                FunctionRepository::row, account, offset, limit);
    }

    long count(Connection c, String account) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM functions WHERE account = ?", account);
    }

    void insert(Connection c, FunctionRow row) throws SQLException {
        Rows.update(c, "INSERT INTO functions (name, code_chars, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.spec().name(), codeChars(row.spec()), row.id(), row.account(), Json.write(row.spec()), row.state().name(),
                row.deployedVersion(), row.latestVersion(), row.createdAt().toEpochMilli(), row.updatedAt().toEpochMilli());
    }

    void update(Connection c, FunctionRow row) throws SQLException {
        Rows.update(c, "UPDATE functions SET name = ?, code_chars = ?, spec = ?, state = ?, deployed_version = ?, latest_version = ?, "
                + "updated_at = ? WHERE id = ?", row.spec().name(), codeChars(row.spec()), Json.write(row.spec()), row.state().name(),
                row.deployedVersion(), row.latestVersion(), row.updatedAt().toEpochMilli(), row.id());
    }

    static int codeChars(FunctionSpec spec) {
        return spec.code() == null ? 0 : spec.code().length();
    }

    /** The account's functions and their characters of code, leaving one function out (null: none). */
    Usage usage(Connection c, String account, String except) throws SQLException {
        return Rows.one(c, "SELECT COUNT(*), COALESCE(SUM(code_chars), 0) FROM functions WHERE account = ? AND id <> ?",
                rs -> new Usage(rs.getLong(1), rs.getLong(2)), account, except == null ? "" : except).orElse(new Usage(0, 0));
    }

    /** What an account's functions take up. */
    record Usage(long functions, long codeChars) {
    }

    void delete(Connection c, String id) throws SQLException {
        deleteSchedules(c, id);
        Rows.update(c, "DELETE FROM bindings WHERE function_id = ?", id);
        Rows.update(c, "DELETE FROM function_versions WHERE function_id = ?", id);
        Rows.update(c, "DELETE FROM functions WHERE id = ?", id);
    }

    void insertVersion(Connection c, FunctionVersion version) throws SQLException {
        Rows.update(c, "INSERT INTO function_versions (function_id, version, spec, created_at) VALUES (?, ?, ?, ?)",
                version.functionId(), version.version(), Json.write(version.spec()), version.createdAt().toEpochMilli());
    }

    List<FunctionVersion> versions(Connection c, String functionId) throws SQLException {
        return Rows.list(c, "SELECT function_id, version, spec, created_at FROM function_versions WHERE function_id = ? ORDER BY version",
                FunctionRepository::version, functionId);
    }

    Optional<FunctionVersion> version(Connection c, String functionId, int version) throws SQLException {
        return Rows.one(c, "SELECT function_id, version, spec, created_at FROM function_versions WHERE function_id = ? AND version = ?",
                FunctionRepository::version, functionId, version);
    }

    /** Replaces the function's binding (deploy, rollback) or removes it when the version is bound to no event. */
    void bind(Connection c, String functionId, String account, FunctionSpec deployed, int version) throws SQLException {
        unbind(c, functionId);
        if (deployed.eventType() != null) {
            Rows.update(c, "INSERT INTO bindings (function_id, account, event_type, function_name, skills, version) VALUES (?, ?, ?, ?, ?, ?)",
                    functionId, account, deployed.eventType(), deployed.name(), Json.write(deployed.skills()), version);
        }
    }

    void unbind(Connection c, String functionId) throws SQLException {
        Rows.update(c, "DELETE FROM bindings WHERE function_id = ?", functionId);
    }

    /**
     * Deletes the function's schedules (undeploy, delete), in the lifecycle change's transaction: a schedule never
     * outlives its function's deployment. Their scheduler rows find no schedule at their next firing and end.
     */
    void deleteSchedules(Connection c, String functionId) throws SQLException {
        Rows.update(c, "DELETE FROM schedules WHERE function_id = ?", functionId);
    }

    /** Keeps the binding's function name in step with renames (limit messages name functions). */
    void renameBinding(Connection c, String functionId, String name) throws SQLException {
        Rows.update(c, "UPDATE bindings SET function_name = ? WHERE function_id = ?", name, functionId);
    }

    /** Makes sure the (account, event) lock row exists; a concurrent insert of the same row is fine. */
    void ensureLockRow(Connection c, String account, String eventType) throws SQLException {
        if (Rows.count(c, "SELECT COUNT(*) FROM binding_locks WHERE account = ? AND event_type = ?", account, eventType) > 0) {
            return;
        }
        try {
            Rows.update(c, "INSERT INTO binding_locks (account, event_type) VALUES (?, ?)", account, eventType);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    /** Locks the (account, event) row until the transaction ends: deploys to that event serialize across instances. */
    void lockBindings(Connection c, String account, String eventType) throws SQLException {
        Rows.list(c, "SELECT account FROM binding_locks WHERE account = ? AND event_type = ? FOR UPDATE", rs -> rs.getString(1),
                account, eventType);
    }

    public List<Binding> bindings(Connection c, String account, String eventType) throws SQLException {
        return Rows.list(c, "SELECT function_id, account, event_type, function_name, skills, version FROM bindings "
                + "WHERE account = ? AND event_type = ? ORDER BY function_name", FunctionRepository::binding, account, eventType);
    }

    /** Every binding, of every account when {@code account} is null. */
    public List<Binding> allBindings(Connection c, String account) throws SQLException {
        String sql = "SELECT function_id, account, event_type, function_name, skills, version FROM bindings"
                + (account == null ? "" : " WHERE account = ?") + " ORDER BY account, event_type, function_name";
        return account == null ? Rows.list(c, sql, FunctionRepository::binding) : Rows.list(c, sql, FunctionRepository::binding, account);
    }

    private static FunctionRow row(ResultSet rs) throws SQLException {
        return new FunctionRow(rs.getString(1), rs.getString(2), Json.read(rs.getString(3), FunctionSpec.class),
                FunctionState.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6),
                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static FunctionVersion version(ResultSet rs) throws SQLException {
        return new FunctionVersion(rs.getString(1), rs.getInt(2), Json.read(rs.getString(3), FunctionSpec.class),
                Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static Binding binding(ResultSet rs) throws SQLException {
        return new Binding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Json.read(rs.getString(5), STRINGS), rs.getInt(6));
    }
}
