-- What a secret version holds: 'value' (one string, every version written before this migration) or
-- 'data' (a map of string fields, Vault KV v2's "data"). The kind is also bound into the value's
-- associated data, so changing it here makes the version fail authentication, not change shape.
ALTER TABLE secret_versions ADD COLUMN value_kind TEXT NOT NULL DEFAULT 'value';
