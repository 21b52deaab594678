-- The listings of invocation records read their page off an index instead of sorting all the records they match.
-- Pages are newest first (started_at DESC, id): H2 uses an index for an ORDER BY only when the order names the index's
-- columns from its leading one on (even when the WHERE fixes the leading columns), in the index's directions or all
-- of them reversed (it then reads the index backwards). The function's index takes started_at descending (it still
-- serves the range "started_at >= ?" of a task's earlier successful run). The account's new index serves its listing
-- forwards and trimming (its oldest records first: account DESC, started_at, id DESC) backwards, so V54's index for
-- trimming goes: every index is written with every record. PostgreSQL reads either index in both directions too.
CREATE INDEX ix_invocations_function_recent ON invocations (account, function_id, started_at DESC, id);
DROP INDEX ix_invocations_function;
CREATE INDEX ix_invocations_account_recent ON invocations (account, started_at DESC, id);
DROP INDEX ix_invocations_account_started;
