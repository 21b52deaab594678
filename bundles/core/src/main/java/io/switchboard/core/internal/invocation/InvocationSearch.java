package io.switchboard.core.internal.invocation;

import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The SQL of a filtered search of invocation records: per function through ix_invocations_function_newest (account,
 * function, started_at DESC, id DESC), per account through ix_invocations_account_newest (account, started_at DESC, id DESC), both
 * read in the index's order (see {@link #order}), so a page is read off the index without sorting every match. Level
 * and text match the stored text: a level as
 * the {@code "level":"X"} of a stored log line, a text in the log lines (as JSON-escaped there), the error message or
 * the result; those are scans of the rows the other filters leave, which a time range keeps short.
 */
final class InvocationSearch {

    private final String where;
    private final String order;
    private final List<Object> parameters;

    InvocationSearch(String account, String functionId, InvocationFilter filter) {
        List<String> clauses = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        clauses.add("account = ?");
        values.add(account);
        if (functionId != null) {
            clauses.add("function_id = ?");
            values.add(functionId);
        }
        if (!filter.outcomes().isEmpty()) {
            clauses.add(in("outcome", filter.outcomes().stream().map(Enum::name).sorted().toList(), values));
        }
        if (!filter.triggers().isEmpty()) {
            clauses.add(in("trigger_kind", filter.triggers().stream().map(Enum::name).sorted().toList(), values));
        }
        if (filter.version() != null) {
            clauses.add("version = ?");
            values.add(filter.version());
        }
        if (filter.from() != null) {
            clauses.add("started_at >= ?");
            values.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            clauses.add("started_at < ?");
            values.add(filter.to().toEpochMilli());
        }
        if (filter.minLevel() != null) {
            List<String> levels = Arrays.stream(LogLevel.values()).filter(l -> l.compareTo(filter.minLevel()) >= 0)
                    .map(l -> "logs LIKE ?").toList();
            clauses.add("(" + String.join(" OR ", levels) + ")");
            Arrays.stream(LogLevel.values()).filter(l -> l.compareTo(filter.minLevel()) >= 0)
                    .forEach(l -> values.add("%\"level\":\"" + l.name() + "\"%"));
        }
        if (filter.text() != null) {
            String plain = "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%";
            String jsonText = Json.write(filter.text().toLowerCase(Locale.ROOT));
            String asJson = "%" + escapeLike(jsonText.substring(1, jsonText.length() - 1)) + "%";
            clauses.add("(LOWER(logs) LIKE ? ESCAPE '!' OR LOWER(error_message) LIKE ? ESCAPE '!' OR LOWER(result) LIKE ? ESCAPE '!')");
            values.add(asJson);
            values.add(plain);
            values.add(plain);
        }
        this.where = " WHERE " + String.join(" AND ", clauses);
        // Newest first, spelled from the index's leading columns, which the WHERE fixes: H2 uses an index for an ORDER BY
        // only when the order starts with the index's first column.
        this.order = functionId == null ? InvocationRepository.NEWEST_OF_ACCOUNT : InvocationRepository.NEWEST_OF_FUNCTION;
        this.parameters = List.copyOf(values);
    }

    private static String in(String column, List<String> names, List<Object> values) {
        values.addAll(names);
        return column + " IN (" + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** LIKE's wildcards taken literally ('!' as the escape: a backslash means something else to each database's strings). */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    List<InvocationRecord> page(Connection c, int offset, int limit) throws SQLException {
        List<Object> all = new ArrayList<>(parameters);
        all.add(offset);
        all.add(limit);
        return Rows.list(c, pageSql(), InvocationRepository::row, all.toArray());
    }

    String pageSql() {
        return "SELECT " + InvocationRepository.COLUMNS + " FROM invocations" + where + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    String streamSql(int limit) {
        return "SELECT " + InvocationRepository.COLUMNS + " FROM invocations" + where + order + " FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY";
    }

    List<Object> parameters() {
        return parameters;
    }

    long count(Connection c) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM invocations" + where, parameters.toArray());
    }

    /**
     * Hands the matching records, newest first, to the sink as the cursor reads them (fetched in chunks: PostgreSQL
     * streams only inside a transaction, which the caller opens), at most {@code limit}; returns how many.
     */
    long stream(Connection c, int limit, Consumer<InvocationRecord> sink) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(streamSql(limit))) {
            statement.setFetchSize(200);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            long handed = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sink.accept(InvocationRepository.row(rs));
                    handed++;
                }
            }
            return handed;
        }
    }
}
