-- API keys (schema owner: core; the columns auth's JdbcApiKeyStore reads and writes). Only the
-- SHA-256 of a key is stored; times are epoch milliseconds; scopes are space-separated.
CREATE TABLE api_keys (
  key_id TEXT PRIMARY KEY,
  digest BYTEA NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  owner TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT,
  last_used_at_ms BIGINT,
  revoked_at_ms BIGINT
);
CREATE INDEX api_keys_owner ON api_keys (owner);
