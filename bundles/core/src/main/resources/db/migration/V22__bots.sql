-- Issue 11: Third-Party Bots are an account resource: a bot's vendor and the function it runs for each of its events
-- (functions: a JSON object of event type id to function id).
CREATE TABLE bots (
    account VARCHAR(128) NOT NULL,
    id VARCHAR(128) NOT NULL,
    vendor VARCHAR(32) NOT NULL,
    functions TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account, id)
);
