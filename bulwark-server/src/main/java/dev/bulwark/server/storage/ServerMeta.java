package dev.bulwark.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code server_meta} rows (migration V1): server-wide values such as the sealed JWT signing
 * key, the sealed data keyset, the token-hash key and the audit keys. One place for the two
 * statements every owner of such a row needs; sealing the value is the owner's job.
 */
public final class ServerMeta {
  private static final String SELECT = "SELECT value FROM server_meta WHERE name = ?";
  private static final String INSERT = "INSERT INTO server_meta (name, value) VALUES (?, ?)";

  private ServerMeta() {}

  /** The value of row {@code name}, if present. */
  public static Optional<String> read(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Inserts row {@code name}; fails with a unique-key violation if it exists (so of two instances
   * creating it at once, one loses and reads the winner's).
   */
  public static void insert(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, name);
      s.setString(2, value);
      s.executeUpdate();
    }
  }
}
