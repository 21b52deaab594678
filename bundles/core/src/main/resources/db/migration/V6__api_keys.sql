-- API keys issued through the API (POST /api/v1/accounts/{account}/keys), stored as the hex SHA-256 of the key: the key
-- itself is shown once, when it is issued, and kept nowhere. Keys from configuration are not stored here.
CREATE TABLE api_keys (
    id VARCHAR(64) PRIMARY KEY,
    account VARCHAR(128) NOT NULL,
    key_hash VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT uq_api_keys_hash UNIQUE (key_hash)
);
CREATE INDEX ix_api_keys_account ON api_keys (account);
