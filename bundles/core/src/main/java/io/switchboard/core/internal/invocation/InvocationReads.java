package io.switchboard.core.internal.invocation;

import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Paging;
import io.switchboard.core.internal.invocation.report.InvocationRollup;
import io.switchboard.core.internal.invocation.report.ReportBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/** The filtered reads of invocation records (search, export) and the reports from the rollup. */
final class InvocationReads {

    private final Database database;
    private final InvocationRollup rollup;
    private final Clock clock;
    private final int exportLimit;

    InvocationReads(Database database, InvocationRollup rollup, Clock clock, int exportLimit) {
        this.database = database;
        this.rollup = rollup;
        this.clock = clock;
        this.exportLimit = exportLimit;
    }

    int exportLimit() {
        return exportLimit;
    }

    Page<InvocationRecord> search(String account, String functionId, InvocationFilter filter, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 500));
        int safePage = Math.max(0, page);
        InvocationSearch search = new InvocationSearch(account, functionId, filter);
        return database.withConnection("search invocations of " + (functionId == null ? "account " + account : functionId), c -> {
            requireFunction(c, account, functionId);
            return new Page<>(search.page(c, Paging.offset(safePage, safeSize), safeSize), safePage, safeSize, search.count(c));
        });
    }

    long export(String account, String functionId, InvocationFilter filter, Consumer<InvocationRecord> sink) {
        InvocationSearch search = new InvocationSearch(account, functionId, filter);
        // In a transaction: PostgreSQL's driver fetches in chunks (setFetchSize) only with auto-commit off.
        return database.inTransaction("export invocations of " + (functionId == null ? "account " + account : functionId), c -> {
            requireFunction(c, account, functionId);
            return search.stream(c, exportLimit, sink);
        });
    }

    InvocationReport report(String account, String functionId, ReportRange range) {
        Instant from = ReportBuilder.from(range, clock.instant());
        return database.withConnection("report invocations of " + functionId, c -> {
            requireFunction(c, account, functionId);
            return ReportBuilder.build(functionId, range, from,
                    rollup.read(c, account, functionId, from, range.bucket().toMillis(), range.buckets()));
        });
    }

    private static void requireFunction(Connection c, String account, String functionId) throws SQLException {
        if (functionId != null && !new InvocationRepository().functionExists(c, account, functionId)) {
            throw new NotFoundException("Account " + account + " has no function " + functionId);
        }
    }
}
