-- Invocation reports (GET .../functions/{id}/report) answer from this per-minute rollup, not by scanning records: the
-- record writer adds each batch of records to it in the batch's own transaction. One row per account, function, minute
-- (epoch millis of its start) and LivePerson state; h00..h16 count durations in the fixed buckets of DurationHistogram
-- (1-2-5 steps from 1 ms to 60 s, then one open bucket). Coarser buckets are sums of minutes at query time.
CREATE TABLE invocation_rollup (
    account VARCHAR(128) NOT NULL,
    function_id VARCHAR(64) NOT NULL,
    minute_start BIGINT NOT NULL,
    state VARCHAR(20) NOT NULL,
    invocations BIGINT NOT NULL,
    duration_sum_ms BIGINT NOT NULL,
    max_ms BIGINT NOT NULL,
    h00 BIGINT NOT NULL DEFAULT 0,
    h01 BIGINT NOT NULL DEFAULT 0,
    h02 BIGINT NOT NULL DEFAULT 0,
    h03 BIGINT NOT NULL DEFAULT 0,
    h04 BIGINT NOT NULL DEFAULT 0,
    h05 BIGINT NOT NULL DEFAULT 0,
    h06 BIGINT NOT NULL DEFAULT 0,
    h07 BIGINT NOT NULL DEFAULT 0,
    h08 BIGINT NOT NULL DEFAULT 0,
    h09 BIGINT NOT NULL DEFAULT 0,
    h10 BIGINT NOT NULL DEFAULT 0,
    h11 BIGINT NOT NULL DEFAULT 0,
    h12 BIGINT NOT NULL DEFAULT 0,
    h13 BIGINT NOT NULL DEFAULT 0,
    h14 BIGINT NOT NULL DEFAULT 0,
    h15 BIGINT NOT NULL DEFAULT 0,
    h16 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account, function_id, minute_start, state)
);
-- The purge deletes old minutes of every function.
CREATE INDEX ix_invocation_rollup_minute ON invocation_rollup (minute_start);
