-- The oldest records of one account, in order, without sorting all of them: what trimming an account over its
-- maxRecordBytes reads for every batch it deletes. Before, H2 took the account's rows from ix_invocations_function and
-- sorted all of them (5-7 s a batch with 1.3 million records, about half the platform's CPU under a bench's load).
CREATE INDEX ix_invocations_account_started ON invocations (account, started_at, id);
