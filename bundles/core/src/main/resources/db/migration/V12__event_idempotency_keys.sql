-- What identifies an accepted event at its source (a Kafka record's topic, partition and offset): stored with the event,
-- in the same transaction, so a redelivered record is recognised and not run again. Purged with the asynchronous
-- events (retentionDays of io.switchboard.core.invocations).
CREATE TABLE event_idempotency_keys (
    idempotency_key VARCHAR(300) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    event_id VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ix_event_idempotency_keys_created ON event_idempotency_keys (created_at);
