-- Switchboard core schema, version 1. Portable SQL: runs on H2 2.x and PostgreSQL 12+.
-- Times are epoch milliseconds (BIGINT); JSON documents are TEXT.

CREATE TABLE functions (
    id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    name VARCHAR(200) NOT NULL,
    spec TEXT NOT NULL,
    state VARCHAR(16) NOT NULL,
    deployed_version INTEGER NOT NULL,
    latest_version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uq_functions_account_name UNIQUE (account, name)
);

CREATE TABLE function_versions (
    function_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    spec TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (function_id, version)
);

-- One row per productive function bound to an event: what limits count. skills is a JSON array.
CREATE TABLE bindings (
    function_id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    event_type VARCHAR(200) NOT NULL,
    function_name VARCHAR(200) NOT NULL,
    skills TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX ix_bindings_account_event ON bindings (account, event_type);

CREATE TABLE invocations (
    id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    function_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    event_type VARCHAR(200),
    event_id VARCHAR(64),
    trigger_kind VARCHAR(16) NOT NULL,
    started_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    result TEXT,
    error_code VARCHAR(200),
    error_message TEXT,
    logs TEXT NOT NULL
);
CREATE INDEX ix_invocations_function ON invocations (account, function_id, started_at);
CREATE INDEX ix_invocations_started ON invocations (started_at);

-- Asynchronous events, persisted before they are acknowledged.
CREATE TABLE async_events (
    id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    event_type VARCHAR(200) NOT NULL,
    payload TEXT NOT NULL,
    headers TEXT NOT NULL,
    trigger_kind VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL
);

-- One task per (event, selected function); retried on its own. status: PENDING, DONE, DEAD (dead letter).
CREATE TABLE async_tasks (
    id VARCHAR(64) PRIMARY KEY,
    event_id VARCHAR(64) NOT NULL,
    account VARCHAR(128) NOT NULL,
    function_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_async_tasks_status ON async_tasks (status);

CREATE TABLE secrets (
    account VARCHAR(128) NOT NULL,
    name VARCHAR(200) NOT NULL,
    cipher_text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account, name)
);

CREATE TABLE context_entries (
    account VARCHAR(128) NOT NULL,
    namespace VARCHAR(200) NOT NULL,
    entry_key VARCHAR(200) NOT NULL,
    entry_value TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account, namespace, entry_key)
);
