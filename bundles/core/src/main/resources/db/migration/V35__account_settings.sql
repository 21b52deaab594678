-- Issue 12 item 9: LivePerson's account settings (the account's allowed domains, the LivePerson discovery base URL, the
-- per-function HTTP rate limit) as one JSON object per account; an account without a row has the defaults.
CREATE TABLE account_settings (
    account VARCHAR(128) NOT NULL PRIMARY KEY,
    settings TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
