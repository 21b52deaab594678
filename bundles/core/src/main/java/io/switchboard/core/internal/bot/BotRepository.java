package io.switchboard.core.internal.bot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.bot.BotVendor;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;

/** SQL of the {@code bots} table. */
final class BotRepository {

    private static final TypeReference<Map<String, String>> FUNCTIONS = new TypeReference<>() { };
    private static final String COLUMNS = "account, id, vendor, functions, created_at, updated_at";

    Optional<Bot> find(Connection c, String account, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM bots WHERE account = ? AND id = ?", BotRepository::bot, account, id);
    }

    List<Bot> list(Connection c, String account, int offset, int limit) throws SQLException {
        return Rows.list(c, "SELECT " + COLUMNS + " FROM bots WHERE account = ? ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                BotRepository::bot, account, offset, limit);
    }

    long count(Connection c, String account) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM bots WHERE account = ?", account);
    }

    void insert(Connection c, Bot bot) throws SQLException {
        Rows.update(c, "INSERT INTO bots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", bot.account(), bot.id(), bot.vendor().name(),
                Json.write(bot.functions()), bot.createdAt().toEpochMilli(), bot.updatedAt().toEpochMilli());
    }

    boolean update(Connection c, Bot bot) throws SQLException {
        return Rows.update(c, "UPDATE bots SET vendor = ?, functions = ?, updated_at = ? WHERE account = ? AND id = ?", bot.vendor().name(),
                Json.write(bot.functions()), bot.updatedAt().toEpochMilli(), bot.account(), bot.id()) == 1;
    }

    boolean delete(Connection c, String account, String id) throws SQLException {
        return Rows.update(c, "DELETE FROM bots WHERE account = ? AND id = ?", account, id) == 1;
    }

    private static Bot bot(ResultSet rs) throws SQLException {
        return new Bot(rs.getString(2), rs.getString(1), BotVendor.valueOf(rs.getString(3)), Json.read(rs.getString(4), FUNCTIONS),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }
}
