-- One-time tokens that make the registering account an administrator (schema owner: accounts).
-- token_hash = SHA-256 of a 256-bit random token; the token itself is printed once, never stored.
CREATE TABLE enrolment_tokens (
  token_hash BYTEA PRIMARY KEY,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  used_by TEXT
);
