-- Account quotas (PID io.switchboard.core.quotas). functions.code_chars: the characters of the function's current code,
-- summed per account for maxCodeChars; rows stored before this version count with the length of their whole spec
-- (an upper bound) until they are next saved.
ALTER TABLE functions ADD COLUMN code_chars INTEGER DEFAULT 0 NOT NULL;
UPDATE functions SET code_chars = LENGTH(spec);
-- invocations.record_bytes: the approximate stored size of a record (result, error, log lines and a fixed part), kept per
-- account in account_usage by the record writer and the purges, so maxRecordBytes is checked without scanning records.
ALTER TABLE invocations ADD COLUMN record_bytes INTEGER DEFAULT 0 NOT NULL;
UPDATE invocations SET record_bytes = 256 + COALESCE(LENGTH(result), 0) + COALESCE(LENGTH(error_message), 0) + LENGTH(logs);
CREATE TABLE account_usage (
    account VARCHAR(128) PRIMARY KEY,
    record_bytes BIGINT NOT NULL
);
INSERT INTO account_usage (account, record_bytes) SELECT account, SUM(record_bytes) FROM invocations GROUP BY account;
