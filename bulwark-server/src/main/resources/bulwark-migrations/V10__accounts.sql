-- Accounts (schema owner: accounts). Portable SQL: runs on SQLite and PostgreSQL unchanged.
-- username_key and email_key are the canonical, case-folded forms that uniqueness and login use,
-- so "Alice", "alice" and full-width look-alikes are one account (see AccountNames).
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  email_verified BOOLEAN NOT NULL,
  is_admin BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
