-- The listings of invocation records read their page off an index instead of sorting all the records they match.
-- Pages are newest first (started_at DESC, id): H2 uses an index for an ORDER BY only when the index has the order's
-- columns in the same directions, from its leading column on (even when the WHERE fixes the leading columns), and it
-- never scans an index backwards. So the function's index takes started_at descending (it still serves the range
-- "started_at >= ?" of a task's earlier successful run), and an account's listing gets an index of its own: trimming
-- keeps ix_invocations_account_started (V54), which reads the oldest first. PostgreSQL uses either direction.
CREATE INDEX ix_invocations_function_recent ON invocations (account, function_id, started_at DESC, id);
DROP INDEX ix_invocations_function;
CREATE INDEX ix_invocations_account_recent ON invocations (account, started_at DESC, id);
