-- An account's dead letters, newest first, read off an index: the status index gets the listing's columns after its
-- own (status stays the leading column, for the queue statistics), so async_tasks keeps the same number of indexes.
CREATE INDEX ix_async_tasks_status_account ON async_tasks (status, account, updated_at DESC, id DESC);
DROP INDEX ix_async_tasks_status;
