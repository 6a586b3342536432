package dev.bulwark.server.secrets;

import dev.bulwark.server.storage.KeptStatement;
import dev.bulwark.server.storage.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The SQL of the secrets store: constants with {@code ?} parameters only, every statement filtered
 * by owner. Portable between SQLite and PostgreSQL. Stateless; callers own the connection.
 */
final class SecretRows {
  private SecretRows() {}

  /** A path's counter row. */
  record Entry(int currentVersion, long createdAtMillis, long updatedAtMillis) {}

  /** A version row; {@code ciphertext} is null once destroyed; {@code kind} as {@link SecretContent#kind()}. */
  record VersionRow(
      int version, byte[] ciphertext, long createdAtMillis, OptionalLong deletedAtMillis, boolean destroyed, String kind) {}

  private static final String SELECT_ENTRY =
      "SELECT current_version, created_at, updated_at FROM secret_entries WHERE owner_id = ? AND path = ?";
  private static final String INSERT_ENTRY = """
      INSERT INTO secret_entries (owner_id, path, current_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
      ON CONFLICT (owner_id, path) DO NOTHING""";
  private static final String BUMP_ENTRY =
      "UPDATE secret_entries SET current_version = ?, updated_at = ? WHERE owner_id = ? AND path = ? AND current_version = ?";
  private static final String INSERT_VERSION = """
      INSERT INTO secret_versions (owner_id, path, version, ciphertext, data_key_id, created_at, deleted_at, destroyed,
      value_kind) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)""";
  private static final String PRUNE =
      "DELETE FROM secret_versions WHERE owner_id = ? AND path = ? AND version <= ?";
  // A read in one statement (one prepare, one step) instead of the counter row then the version row:
  // the join still requires the counter row, so a version row without one is never answered.
  private static final String SELECT_CURRENT = """
      SELECT v.version, v.ciphertext, v.created_at, v.deleted_at, v.destroyed, v.value_kind
      FROM secret_entries e JOIN secret_versions v
      ON v.owner_id = e.owner_id AND v.path = e.path AND v.version = e.current_version
      WHERE e.owner_id = ? AND e.path = ?""";
  private static final String SELECT_VERSION_OF_ENTRY = """
      SELECT v.version, v.ciphertext, v.created_at, v.deleted_at, v.destroyed, v.value_kind
      FROM secret_entries e JOIN secret_versions v ON v.owner_id = e.owner_id AND v.path = e.path
      WHERE e.owner_id = ? AND e.path = ? AND v.version = ?""";
  /** Every secret read runs one of these two: kept prepared per connection (see {@link KeptStatement}). */
  private static final KeptStatement READ_CURRENT = KeptStatement.of(c -> c.prepareStatement(SELECT_CURRENT));
  private static final KeptStatement READ_VERSION_OF_ENTRY =
      KeptStatement.of(c -> c.prepareStatement(SELECT_VERSION_OF_ENTRY));
  private static final String SELECT_VERSIONS = """
      SELECT version, NULL, created_at, deleted_at, destroyed, value_kind FROM secret_versions
      WHERE owner_id = ? AND path = ? ORDER BY version""";
  private static final String SOFT_DELETE = """
      UPDATE secret_versions SET deleted_at = ? WHERE owner_id = ? AND path = ? AND version = ?
      AND destroyed = ? AND deleted_at IS NULL""";
  private static final String UNDELETE = """
      UPDATE secret_versions SET deleted_at = NULL WHERE owner_id = ? AND path = ? AND version = ?
      AND destroyed = ? AND deleted_at IS NOT NULL""";
  private static final String DESTROY = """
      UPDATE secret_versions SET ciphertext = NULL, data_key_id = NULL, destroyed = ?
      WHERE owner_id = ? AND path = ? AND version = ? AND destroyed = ?""";
  private static final String LIST_PATHS =
      "SELECT path FROM secret_entries WHERE owner_id = ? AND substr(path, 1, ?) = ? ORDER BY path LIMIT ?";

  static Optional<Entry> entry(Connection c, String owner, String path) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_ENTRY)) {
      return Statements.queryOne(s, r -> new Entry(r.getInt(1), r.getLong(2), r.getLong(3)),
          owner, path);
    }
  }

  /** Creates the counter at version 1; false if another writer created it first. */
  static boolean insertEntry(Connection c, String owner, String path, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_ENTRY)) {
      return Statements.update(s, owner, path, now, now) == 1;
    }
  }

  /** Moves the counter from {@code expected} to {@code expected + 1}; false if it moved meanwhile. */
  static boolean bumpEntry(Connection c, String owner, String path, int expected, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BUMP_ENTRY)) {
      return Statements.update(s, expected + 1, now, owner, path, expected) == 1;
    }
  }

  static void insertVersion(
      Connection c, String owner, String path, int version, byte[] ciphertext, int dataKeyId, long now, String kind)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_VERSION)) {
      Statements.update(s, owner, path, version, ciphertext,
          Integer.toUnsignedLong(dataKeyId), now, false, kind);
    }
  }

  static void pruneUpTo(Connection c, String owner, String path, int version) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PRUNE)) {
      Statements.update(s, owner, path, version);
    }
  }

  /**
   * The version row {@code version} of a path whose counter row exists, or its current version when
   * {@code version} is empty; empty when the path was never written or the version is gone.
   */
  static Optional<VersionRow> readable(Connection c, String owner, String path, OptionalInt version) throws SQLException {
    if (version.isEmpty()) {
      return READ_CURRENT.queryOne(c, SecretRows::versionRow, owner, path);
    }
    return READ_VERSION_OF_ENTRY.queryOne(c, SecretRows::versionRow, owner, path, version.getAsInt());
  }

  static List<VersionRow> versions(Connection c, String owner, String path) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_VERSIONS)) {
      return Statements.query(s, SecretRows::versionRow, owner, path);
    }
  }

  private static VersionRow versionRow(ResultSet r) throws SQLException {
    long deletedAt = r.getLong(4);
    OptionalLong deleted = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(deletedAt);
    return new VersionRow(r.getInt(1), r.getBytes(2), r.getLong(3), deleted, r.getBoolean(5), r.getString(6));
  }

  static boolean softDelete(Connection c, String owner, String path, int version, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SOFT_DELETE)) {
      return Statements.update(s, now, owner, path, version, false) == 1;
    }
  }

  static boolean undelete(Connection c, String owner, String path, int version) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UNDELETE)) {
      return Statements.update(s, owner, path, version, false) == 1;
    }
  }

  static boolean destroy(Connection c, String owner, String path, int version) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DESTROY)) {
      return Statements.update(s, true, owner, path, version, false) == 1;
    }
  }

  static List<String> paths(Connection c, String owner, String prefix, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LIST_PATHS)) {
      return Statements.query(s, r -> r.getString(1), owner, prefix.length(), prefix, limit);
    }
  }
}
