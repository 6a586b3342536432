-- Per-owner versioned secrets (Vault KV v2 semantics). Schema owner: secrets (V20-V29).
-- Portable SQL: runs on SQLite and PostgreSQL unchanged.

-- One row per (owner, path): the version counter that check-and-set writes compare against.
CREATE TABLE secret_entries (
  owner_id TEXT NOT NULL,
  path TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (owner_id, path)
);

-- One row per kept version (the newest 10). ciphertext is NULL once destroyed; data_key_id names the
-- data key that sealed it, so the rewrap job finds what still needs moving to the primary key.
CREATE TABLE secret_versions (
  owner_id TEXT NOT NULL,
  path TEXT NOT NULL,
  version INTEGER NOT NULL,
  ciphertext BYTEA,
  data_key_id BIGINT,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT,
  destroyed BOOLEAN NOT NULL,
  PRIMARY KEY (owner_id, path, version)
);

CREATE INDEX secret_versions_by_data_key ON secret_versions (data_key_id);

-- Data-key rotation jobs: progress survives restarts; the cursor is the last version handled, moved
-- in the same transaction as each rewrap so a resumed job neither skips nor repeats one.
CREATE TABLE secret_rewrap_jobs (
  id TEXT PRIMARY KEY,
  target_key_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  total BIGINT NOT NULL,
  done BIGINT NOT NULL,
  failed BIGINT NOT NULL,
  cursor_owner TEXT NOT NULL,
  cursor_path TEXT NOT NULL,
  cursor_version INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT
);

-- At most one running job: a second start is refused rather than racing the first.
CREATE UNIQUE INDEX secret_rewrap_jobs_one_running ON secret_rewrap_jobs (state) WHERE state = 'running';
