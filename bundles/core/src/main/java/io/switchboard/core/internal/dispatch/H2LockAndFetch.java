package io.switchboard.core.internal.dispatch;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;

/**
 * db-scheduler on H2 with lock-and-fetch polling: H2 2.x knows {@code SELECT ... FOR UPDATE SKIP LOCKED}, which
 * db-scheduler only assumes of PostgreSQL. Claiming a batch of due rows is then one transaction instead of one
 * committed update per row, which on the embedded H2 (every commit written out) is most of what claiming costs.
 */
final class H2LockAndFetch extends DefaultJdbcCustomization {

    /** The query db-scheduler builds for PostgreSQL's generic lock-and-fetch, its limit moved before FOR UPDATE for H2. */
    private final PostgreSqlJdbcCustomization query = new PostgreSqlJdbcCustomization(true, false);

    H2LockAndFetch() {
        super(false);
    }

    @Override
    public String getName() {
        return "H2 (lock-and-fetch)";
    }

    @Override
    public boolean supportsGenericLockAndFetch() {
        return true;
    }

    @Override
    public String createGenericSelectForUpdateQuery(String tableName, int limit, String requiredAndCondition, boolean orderByPriority) {
        String postgreSql = query.createGenericSelectForUpdateQuery(tableName, limit, requiredAndCondition, orderByPriority);
        String withoutLimit = postgreSql.replaceFirst("\\s+LIMIT\\s+\\d+\\s*$", "");
        return withoutLimit.replace(" FOR UPDATE SKIP LOCKED", " LIMIT " + limit + " FOR UPDATE SKIP LOCKED");
    }
}
