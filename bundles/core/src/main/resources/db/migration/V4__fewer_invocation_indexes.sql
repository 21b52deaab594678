-- Every invocation record is written to each of the table's indexes; these two cost the record writer more than
-- they saved. A task's earlier successful run is found through ix_invocations_function (account, function,
-- started_at since the event was accepted), and the purge finds expired records by their time-ordered ids.
DROP INDEX IF EXISTS ix_invocations_event;
DROP INDEX ix_invocations_started;
