package io.switchboard.core.internal.db;

/** The core's relational store: connections from one pool, work in transactions. */
public interface Database {

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, SqlWork<T> work);

    /** Runs read-only or single-statement work with auto-commit. */
    <T> T withConnection(String what, SqlWork<T> work);

    /** The pooled connections themselves, for libraries that manage their own transactions (the scheduler). */
    javax.sql.DataSource dataSource();
}
