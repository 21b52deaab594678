-- Issue 12 item 4: a secret's value may be any JSON value (LivePerson's typed secrets). Existing secrets are strings;
-- value_json marks a value whose decrypted text is JSON (an object, array, number, boolean or null).
ALTER TABLE secrets ADD COLUMN value_json BOOLEAN DEFAULT FALSE NOT NULL;
