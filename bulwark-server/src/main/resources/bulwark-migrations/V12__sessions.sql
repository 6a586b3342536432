-- Sessions and their refresh tokens (schema owner: accounts). A session is one refresh-token
-- family: reuse of a used refresh token revokes the session row, which kills the whole family.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoked_reason TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_revoked ON sessions (revoked_at);

-- token_hash = SHA-256 of a 256-bit random token; used_at is set exactly once, by a conditional
-- UPDATE (... WHERE used_at IS NULL), which is what makes rotation and reuse detection atomic.
CREATE TABLE refresh_tokens (
  token_hash BYTEA PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id),
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
