-- Uploaded files' metadata (schema owner: misc helper, package dev.bulwark.server.files). The bytes
-- live in DATA/files under stored_name (random, chosen by guard's UploadStore); original_name is the
-- client's name after sanitizing, used only in Content-Disposition. Portable SQL (SQLite and
-- PostgreSQL); times are epoch milliseconds.
CREATE TABLE files (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);

CREATE INDEX files_owner ON files (owner, created_at_ms);
