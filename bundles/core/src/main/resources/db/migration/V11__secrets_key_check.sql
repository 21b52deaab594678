-- One row written by the first instance that starts: a constant encrypted with the secrets key it has. Every instance
-- decrypts it at start, so one configured with another key says so in /health before it fails to read a secret.
CREATE TABLE secrets_key_check (
    id INTEGER PRIMARY KEY,
    cipher_text VARCHAR(200) NOT NULL,
    created_at BIGINT NOT NULL
);
