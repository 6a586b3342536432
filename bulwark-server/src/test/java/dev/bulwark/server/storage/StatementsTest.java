package dev.bulwark.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement helper on real SQLite: each parameter type binds as its own setter would, rows map in order. */
class StatementsTest {
  private static final String CREATE = "CREATE TABLE probe (s TEXT, i INTEGER, l BIGINT, b BOOLEAN, bytes BLOB)";
  private static final String INSERT = "INSERT INTO probe (s, i, l, b, bytes) VALUES (?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT s, i, l, b, bytes FROM probe WHERE s = ?";
  private static final String ALL = "SELECT s FROM probe ORDER BY i";

  @TempDir Path dir;
  private Path file;

  private record Probe(String s, int i, long l, boolean b, byte[] bytes) {}

  @BeforeEach
  void createTable() throws SQLException {
    file = dir.resolve("t.db");
    try (Database db = Database.sqlite(file); Connection c = db.dataSource().getConnection()) {
      update(c, CREATE);
    }
  }

  @Test
  void bindsEachType_mapsRows_andNullIsABinaryNull() throws SQLException {
    try (Database db = Database.sqlite(file); Connection c = db.dataSource().getConnection()) {
      assertThat(update(c, INSERT, "a", 2, 1L << 40, true, new byte[] {1, 2})).isEqualTo(1);
      update(c, INSERT, "b", 1, 0L, false, null);
      Optional<Probe> a;
      try (PreparedStatement s = c.prepareStatement(SELECT)) {
        a = Statements.queryOne(s, r -> new Probe(r.getString(1), r.getInt(2), r.getLong(3), r.getBoolean(4), r.getBytes(5)),
            "a");
      }
      assertThat(a).hasValueSatisfying(p -> {
        assertThat(p.i()).isEqualTo(2);
        assertThat(p.l()).isEqualTo(1L << 40);
        assertThat(p.b()).isTrue();
        assertThat(p.bytes()).containsExactly(1, 2);
      });
      Optional<Boolean> bytesNull;
      try (PreparedStatement s = c.prepareStatement(SELECT)) {
        bytesNull = Statements.queryOne(s, r -> {
          r.getBytes(5);
          return r.wasNull();
        }, "b");
      }
      assertThat(bytesNull).contains(true);
    }
  }

  @Test
  void queryReturnsEveryRowInOrder_andQueryOneEmptyWhenNoRow() throws SQLException {
    try (Database db = Database.sqlite(file); Connection c = db.dataSource().getConnection()) {
      update(c, INSERT, "second", 2, 0L, false, null);
      update(c, INSERT, "first", 1, 0L, false, null);
      try (PreparedStatement s = c.prepareStatement(ALL)) {
        assertThat(Statements.query(s, r -> r.getString(1))).isEqualTo(List.of("first", "second"));
      }
      try (PreparedStatement s = c.prepareStatement(SELECT)) {
        assertThat(Statements.queryOne(s, r -> r.getString(1), "none")).isEqualTo(Optional.empty());
      }
    }
  }

  @Test
  void anUnsupportedParameterType_isRefused_notGuessed() throws SQLException {
    try (Database db = Database.sqlite(file); Connection c = db.dataSource().getConnection()) {
      assertThatThrownBy(() -> update(c, INSERT, "x", 1.5, 0L, false, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
    }
  }

  /** Runs one statement of {@code sql} with {@code params} (also used by {@link KeptStatementTest}). */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      return Statements.update(s, params);
    }
  }
}
