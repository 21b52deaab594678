-- Issue 11: an asynchronous event is settled as one unit. The event row says where it stands (PENDING while a task of
-- it may still run, SETTLED once every task is DONE, DEAD once every task finished and one is dead-lettered) and
-- which skill it was raised for; a DONE task keeps the name of the function version that ran and its (valid) result,
-- so the event's results are combined in function-name order when its last task settles.
ALTER TABLE async_events ADD COLUMN status VARCHAR(16) DEFAULT 'SETTLED' NOT NULL;
ALTER TABLE async_events ADD COLUMN skill_id VARCHAR(200);
ALTER TABLE async_tasks ADD COLUMN function_name VARCHAR(200);
ALTER TABLE async_tasks ADD COLUMN result VARCHAR;
-- Events accepted before the upgrade: pending while a task is pending, dead when a task is dead and none pending.
UPDATE async_events SET status = 'DEAD' WHERE id IN (SELECT event_id FROM async_tasks WHERE status = 'DEAD');
UPDATE async_events SET status = 'PENDING' WHERE id IN (SELECT event_id FROM async_tasks WHERE status = 'PENDING');
CREATE INDEX ix_async_tasks_event ON async_tasks (event_id);
