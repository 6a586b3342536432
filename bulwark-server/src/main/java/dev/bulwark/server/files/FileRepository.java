package dev.bulwark.server.files;

import dev.bulwark.server.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * File metadata in table {@code files} (migration V40). Every read and delete filters on the owner,
 * so another owner's id behaves exactly like an unknown id (IDOR). Deletion is one {@code DELETE ...
 * RETURNING}, so of two concurrent deletes exactly one gets the row. Thread-safe.
 */
final class FileRepository {
  // Whole literals, no concatenation: NoStringBuiltSqlTest forbids building SQL from pieces.
  private static final String INSERT =
      "INSERT INTO files (id, owner, stored_name, original_name, media_type, size_bytes, sha256, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LIST =
      "SELECT id, owner, stored_name, original_name, media_type, size_bytes, sha256, created_at_ms FROM files WHERE owner = ? ORDER BY created_at_ms, id LIMIT ?";
  private static final String FIND =
      "SELECT id, owner, stored_name, original_name, media_type, size_bytes, sha256, created_at_ms FROM files WHERE id = ? AND owner = ?";
  private static final String DELETE =
      "DELETE FROM files WHERE id = ? AND owner = ? RETURNING id, owner, stored_name, original_name, media_type, size_bytes, sha256, created_at_ms";

  private final Database database;

  FileRepository(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** Inserts on the caller's transaction connection. */
  static void insert(Connection c, StoredFile f) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, f.id());
      s.setString(2, f.owner());
      s.setString(3, f.storedName());
      s.setString(4, f.originalName());
      s.setString(5, f.mediaType());
      s.setLong(6, f.sizeBytes());
      s.setString(7, f.sha256Hex());
      s.setLong(8, f.createdAt().toEpochMilli());
      s.executeUpdate();
    }
  }

  List<StoredFile> list(String owner, int limit) {
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement(LIST)) {
        s.setString(1, owner);
        s.setInt(2, limit);
        return rows(s);
      }
    });
  }

  Optional<StoredFile> find(String owner, String id) {
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement(FIND)) {
        s.setString(1, id);
        s.setString(2, owner);
        return rows(s).stream().findFirst();
      }
    });
  }

  /** Deletes on the caller's transaction connection; the deleted row if it existed and was owned. */
  static Optional<StoredFile> delete(Connection c, String owner, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DELETE)) {
      s.setString(1, id);
      s.setString(2, owner);
      return rows(s).stream().findFirst();
    }
  }

  private static List<StoredFile> rows(PreparedStatement s) throws SQLException {
    List<StoredFile> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new StoredFile(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getLong(6), r.getString(7), Instant.ofEpochMilli(r.getLong(8))));
      }
    }
    return out;
  }
}
