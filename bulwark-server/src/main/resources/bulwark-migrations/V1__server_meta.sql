-- Server-wide facts that must survive restarts (schema owner: core). Portable SQL: runs on SQLite
-- and PostgreSQL unchanged; see Database's javadoc for the type rules.
CREATE TABLE server_meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
