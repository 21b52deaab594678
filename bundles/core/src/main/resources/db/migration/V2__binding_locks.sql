-- One row per (account, event) that a deploy locks (SELECT ... FOR UPDATE) while it counts and binds, so
-- the limit holds even when several Switchboard instances share one PostgreSQL database.
CREATE TABLE binding_locks (
    account VARCHAR(128) NOT NULL,
    event_type VARCHAR(200) NOT NULL,
    PRIMARY KEY (account, event_type)
);
