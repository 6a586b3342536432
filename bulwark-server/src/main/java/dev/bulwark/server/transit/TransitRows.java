package dev.bulwark.server.transit;

import dev.bulwark.server.storage.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of transit keys: constants with {@code ?} parameters only, every statement filtered by
 * owner. Portable between SQLite and PostgreSQL. Stateless; callers own the connection.
 */
final class TransitRows {
  private TransitRows() {}

  /** A key's row; {@code keyType} is the wire name. */
  record KeyRow(String keyType, int latestVersion, int minDecryptionVersion, long createdAtMillis, long updatedAtMillis) {}

  /** A version row. */
  record VersionRow(int version, byte[] sealedMaterial, byte[] publicKey, long createdAtMillis) {}

  private static final String SELECT_KEY = """
      SELECT key_type, latest_version, min_decryption_version, created_at, updated_at FROM transit_keys
      WHERE owner_id = ? AND name = ?""";
  private static final String INSERT_KEY = """
      INSERT INTO transit_keys (owner_id, name, key_type, latest_version, min_decryption_version, created_at, updated_at)
      VALUES (?, ?, ?, 1, 1, ?, ?) ON CONFLICT (owner_id, name) DO NOTHING""";
  private static final String BUMP_KEY =
      "UPDATE transit_keys SET latest_version = ?, updated_at = ? WHERE owner_id = ? AND name = ? AND latest_version = ?";
  private static final String SET_MIN = """
      UPDATE transit_keys SET min_decryption_version = ?, updated_at = ? WHERE owner_id = ? AND name = ?
      AND latest_version >= ?""";
  private static final String INSERT_VERSION = """
      INSERT INTO transit_key_versions (owner_id, name, version, sealed_material, public_key, created_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String SELECT_VERSION = """
      SELECT version, sealed_material, public_key, created_at FROM transit_key_versions
      WHERE owner_id = ? AND name = ? AND version = ?""";
  private static final String SELECT_VERSIONS = """
      SELECT version, NULL, public_key, created_at FROM transit_key_versions
      WHERE owner_id = ? AND name = ? ORDER BY version""";

  static Optional<KeyRow> key(Connection c, String owner, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_KEY)) {
      return Statements.queryOne(s,
          r -> new KeyRow(r.getString(1), r.getInt(2), r.getInt(3), r.getLong(4), r.getLong(5)), owner, name);
    }
  }

  /** Creates the key at version 1; false if the owner already has a key of that name. */
  static boolean insertKey(Connection c, String owner, String name, String keyType, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_KEY)) {
      return Statements.update(s, owner, name, keyType, now, now) == 1;
    }
  }

  /** Moves the latest version from {@code expected} to {@code expected + 1}; false on a lost race. */
  static boolean bumpKey(Connection c, String owner, String name, int expected, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BUMP_KEY)) {
      return Statements.update(s, expected + 1, now, owner, name, expected) == 1;
    }
  }

  /** Sets the minimum decryption version if it does not exceed the latest version. */
  static boolean setMinDecryptionVersion(Connection c, String owner, String name, int min, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_MIN)) {
      return Statements.update(s, min, now, owner, name, min) == 1;
    }
  }

  /** {@code publicKey} is null for symmetric keys (bound as a binary NULL, as before). */
  static void insertVersion(Connection c, String owner, String name, int version, byte[] sealed, byte[] publicKey, long now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_VERSION)) {
      Statements.update(s, owner, name, version, sealed, publicKey, now);
    }
  }

  static Optional<VersionRow> version(Connection c, String owner, String name, int version) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_VERSION)) {
      return Statements.queryOne(s, TransitRows::versionRow, owner, name, version);
    }
  }

  static List<VersionRow> versions(Connection c, String owner, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_VERSIONS)) {
      return Statements.query(s, TransitRows::versionRow, owner, name);
    }
  }

  private static VersionRow versionRow(ResultSet r) throws SQLException {
    return new VersionRow(r.getInt(1), r.getBytes(2), r.getBytes(3), r.getLong(4));
  }
}
