-- E-mail verification and password-reset tokens: auth's JdbcOneTimeTokenStore, whose columns these
-- are (token_hash = HMAC-SHA256 of the token under key_id; never the token itself).
CREATE TABLE one_time_tokens (
  token_hash BYTEA PRIMARY KEY,
  key_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  purpose TEXT NOT NULL,
  expires_at_ms BIGINT NOT NULL
);
CREATE INDEX one_time_tokens_subject ON one_time_tokens (subject, purpose);
