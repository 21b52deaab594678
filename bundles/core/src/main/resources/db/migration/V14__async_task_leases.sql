-- Issue 13: asynchronous tasks are claimed with a lease by one instance. The embedded scheduler (db-scheduler 16) keeps
-- one row per pending task here (task_instance = async_tasks.id): claimed by one instance (optimistic version check,
-- on PostgreSQL SELECT ... FOR UPDATE SKIP LOCKED), heartbeated while it runs, revived and claimed by another instance
-- when its heartbeats stop. A separate table from scheduled_tasks (schedules) so each scheduler polls its own rows.
CREATE TABLE async_executions (
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
CREATE INDEX ix_async_executions_execution_time ON async_executions (execution_time);
CREATE INDEX ix_async_executions_last_heartbeat ON async_executions (last_heartbeat);
-- Tasks pending before the upgrade get their row, due now. Marked as failed once: the platform may have stopped
-- between a task's successful run and its settlement, so its run checks the invocation records first.
INSERT INTO async_executions (task_name, task_instance, execution_time, picked, consecutive_failures, version)
    SELECT 'switchboard-async-task', id, CURRENT_TIMESTAMP, FALSE, 1, 1 FROM async_tasks WHERE status = 'PENDING';
