-- An invocation's result, error message and log lines become VARCHAR instead of TEXT. H2 stores TEXT as a CLOB value,
-- which costs the record writer more to convert and to keep on the heap than a VARCHAR of the same text (about 25%
-- of the insert's CPU in a micro-benchmark); PostgreSQL stores both the same way. Without a length, VARCHAR is as
-- long as TEXT could be (H2: 1,000,000,000 characters; the executor bounds results far below that).
ALTER TABLE invocations ALTER COLUMN result SET DATA TYPE VARCHAR;
ALTER TABLE invocations ALTER COLUMN error_message SET DATA TYPE VARCHAR;
ALTER TABLE invocations ALTER COLUMN logs SET DATA TYPE VARCHAR;
