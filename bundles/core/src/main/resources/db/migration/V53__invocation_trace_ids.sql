-- The W3C trace id of each run (issue 17, item 7): 32 hex digits, null for runs recorded before.
ALTER TABLE invocations ADD COLUMN trace_id VARCHAR(32);
