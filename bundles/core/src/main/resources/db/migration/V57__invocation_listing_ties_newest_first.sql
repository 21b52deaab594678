-- Runs started in the same millisecond came out of the listings oldest first: V55's indexes (and the listings' ORDER BY)
-- break ties of started_at by id ascending, while "newest first" wants the later run, whose time-ordered id is the
-- larger, first. The log stream's resume (Last-Event-ID) walks that listing and stops at the first record not after
-- its point, so a run in the same millisecond as the point could be skipped. Same indexes, ties by id descending; the
-- listings order by them (InvocationRepository.NEWEST_OF_*), trimming reads the account's one backwards (RecordUsage).
CREATE INDEX ix_invocations_function_newest ON invocations (account, function_id, started_at DESC, id DESC);
DROP INDEX ix_invocations_function_recent;
CREATE INDEX ix_invocations_account_newest ON invocations (account, started_at DESC, id DESC);
DROP INDEX ix_invocations_account_recent;
