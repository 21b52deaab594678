-- Schedules of the accounts (LivePerson's "Schedule an Invocation"). next_execution is what the scheduler's own row
-- says too; last_fired_for is the planned time of the last firing that ran, set by a guarded update before the
-- function runs, so a firing runs at most once even when an instance dies mid-run and another one takes it over.
CREATE TABLE schedules (
    id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    function_id VARCHAR(64) NOT NULL,
    cron_expression VARCHAR(200) NOT NULL,
    active BOOLEAN NOT NULL,
    description VARCHAR(1000),
    time_zone VARCHAR(100) NOT NULL,
    headers TEXT NOT NULL,
    payload TEXT NOT NULL,
    next_execution BIGINT,
    last_execution BIGINT,
    last_failed BOOLEAN,
    last_invocation_id VARCHAR(64),
    last_fired_for BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_schedules_account ON schedules (account);
CREATE INDEX ix_schedules_function ON schedules (function_id);

-- The table of the embedded scheduler (com.github.kagkarlsson:db-scheduler 16): one row per due execution, claimed by
-- one instance at a time (optimistic version check), with heartbeats so the others take over the executions of an
-- instance that died. Types that both H2 and PostgreSQL accept.
CREATE TABLE scheduled_tasks (
    task_name VARCHAR(100) NOT NULL,
    task_instance VARCHAR(200) NOT NULL,
    task_data BYTEA,
    execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
    picked BOOLEAN NOT NULL,
    picked_by VARCHAR(200),
    last_success TIMESTAMP WITH TIME ZONE,
    last_failure TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
