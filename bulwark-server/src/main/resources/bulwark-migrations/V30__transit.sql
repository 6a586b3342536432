-- Named, per-owner, rotatable encryption keys (encryption as a service). Schema owner: transit
-- (V30-V39). Portable SQL: runs on SQLite and PostgreSQL unchanged.

CREATE TABLE transit_keys (
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  key_type TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  min_decryption_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (owner_id, name)
);

-- sealed_material: the key (AEAD key or X-Wing seed) encrypted by the root key, with associated data
-- binding owner, name, version and type. public_key: the raw X-Wing public key, NULL otherwise.
CREATE TABLE transit_key_versions (
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  sealed_material BYTEA NOT NULL,
  public_key BYTEA,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (owner_id, name, version)
);
