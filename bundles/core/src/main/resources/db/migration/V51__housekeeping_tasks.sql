-- Issue 17: the retention of invocation records (by age, and by size per account) runs as recurring tasks of an
-- embedded db-scheduler (16), so with several instances on one database one of them runs each purge, and a purge that
-- failed is run again at its next time. A table of its own, as schedules and asynchronous tasks have theirs, so each
-- scheduler polls only its rows.
CREATE TABLE housekeeping_tasks (
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
CREATE INDEX ix_housekeeping_tasks_execution_time ON housekeeping_tasks (execution_time);
