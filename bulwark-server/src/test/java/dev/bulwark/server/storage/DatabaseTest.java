package dev.bulwark.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.Requirements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  @Test
  void sqlite_migratesAndRunsInWalWithFullSync() {
    try (Database db = Database.sqlite(dir.resolve("data/bulwark.db"))) {
      assertThat(db.kind()).isEqualTo(Database.Kind.SQLITE);
      String journal = db.read(c -> pragma(c, "journal_mode"));
      assertThat(journal).isEqualToIgnoringCase("wal");
      // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA)
      String synchronous = db.read(c -> pragma(c, "synchronous"));
      assertThat(synchronous).isEqualTo("2");
      assertThat(db.isReachable()).isTrue();
      contract(db);
    }
  }

  @Test
  void sqlite_reopenKeepsCommittedRows() {
    Path file = dir.resolve("bulwark.db");
    try (Database db = Database.sqlite(file)) {
      db.inTransaction(c -> put(c, "kept", "yes"));
    }
    try (Database db = Database.sqlite(file)) {
      assertThat(value(db, "kept")).contains("yes");
    }
  }

  @Test
  void postgresql_migratesIntoItsOwnSchema() {
    Requirements.postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Database db = Database.postgresql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", schema)) {
      assertThat(db.kind()).isEqualTo(Database.Kind.POSTGRESQL);
      contract(db);
      db.inTransaction(c -> {
        // bulwark:ignore BWK-JAVA-003 drops only the UUID-named schema this test created
        try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
          s.execute();
        }
        return null;
      });
    }
  }

  @Test
  void postgresql_rejectsASchemaNameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> Database.postgresql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "x; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What every engine must do: commit, roll back on any exception, wrap SQL errors without text. */
  private static void contract(Database db) {
    db.inTransaction(c -> put(c, "a", "1"));
    assertThat(value(db, "a")).contains("1");

    assertThatThrownBy(() -> db.inTransaction(c -> {
      put(c, "b", "2");
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(value(db, "b")).isEmpty();

    assertThatThrownBy(() -> db.inTransaction(c -> put(c, "a", "duplicate key")))
        .isInstanceOf(StorageException.class)
        .hasMessage("a database transaction failed");
    assertThat(value(db, "a")).contains("1");
  }

  private static Optional<String> value(Database db, String name) {
    return db.read(c -> get(c, name));
  }

  private static Void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO server_meta (name, value) VALUES (?, ?)")) {
      s.setString(1, name);
      s.setString(2, value);
      s.executeUpdate();
    }
    return null;
  }

  private static Optional<String> get(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM server_meta WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("PRAGMA " + name); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getString(1);
    }
  }
}
