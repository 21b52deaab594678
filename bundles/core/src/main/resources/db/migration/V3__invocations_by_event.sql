-- Finding the record of an asynchronous task's run by its event: a task re-queued after a crash that had already
-- run to success is marked done instead of being run a second time.
CREATE INDEX ix_invocations_event ON invocations (event_id, function_id);
