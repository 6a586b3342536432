package dev.bulwark.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement helper on real SQLite: each parameter type binds as its own setter would, rows map in order. */
class StatementsTest {
  private static final String CREATE =
      "CREATE TABLE probe (s TEXT, i INTEGER, l BIGINT, b BOOLEAN, bytes BLOB)";
  private static final String INSERT = "INSERT INTO probe (s, i, l, b, bytes) VALUES (?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT s, i, l, b, bytes FROM probe WHERE s = ?";
  private static final String ALL = "SELECT s FROM probe ORDER BY i";

  @TempDir Path dir;

  private record Probe(String s, int i, long l, boolean b, byte[] bytes) {}

  @Test
  void bindsEachType_mapsRows_andNullIsABinaryNull() {
    try (Database db = Database.sqlite(dir.resolve("t.db"))) {
      db.inTransaction(c -> Statements.update(c, CREATE));
      int inserted = db.inTransaction(c -> Statements.update(c, INSERT, "a", 2, 1L << 40, true, new byte[] {1, 2}));
      assertThat(inserted).isEqualTo(1);
      db.inTransaction(c -> Statements.update(c, INSERT, "b", 1, 0L, false, null));
      Optional<Probe> a = db.read(c -> Statements.queryOne(c, SELECT,
          r -> new Probe(r.getString(1), r.getInt(2), r.getLong(3), r.getBoolean(4), r.getBytes(5)), "a"));
      assertThat(a).hasValueSatisfying(p -> {
        assertThat(p.i()).isEqualTo(2);
        assertThat(p.l()).isEqualTo(1L << 40);
        assertThat(p.b()).isTrue();
        assertThat(p.bytes()).containsExactly(1, 2);
      });
      Optional<Boolean> bytesNull = db.read(c -> Statements.queryOne(c, SELECT, r -> {
        r.getBytes(5);
        return r.wasNull();
      }, "b"));
      assertThat(bytesNull).contains(true);
    }
  }

  @Test
  void queryReturnsEveryRowInOrder_andQueryOneEmptyWhenNoRow() {
    try (Database db = Database.sqlite(dir.resolve("t.db"))) {
      db.inTransaction(c -> Statements.update(c, CREATE));
      db.inTransaction(c -> Statements.update(c, INSERT, "second", 2, 0L, false, null));
      db.inTransaction(c -> Statements.update(c, INSERT, "first", 1, 0L, false, null));
      List<String> all = db.read(c -> Statements.query(c, ALL, r -> r.getString(1)));
      assertThat(all).containsExactly("first", "second");
      Optional<String> none = db.read(c -> Statements.queryOne(c, SELECT, r -> r.getString(1), "none"));
      assertThat(none).isEmpty();
    }
  }

  @Test
  void anUnsupportedParameterType_isRefused_notGuessed() throws SQLException {
    try (Database db = Database.sqlite(dir.resolve("t.db")); Connection c = db.dataSource().getConnection()) {
      Statements.update(c, CREATE);
      assertThatThrownBy(() -> Statements.update(c, INSERT, "x", 1.5, 0L, false, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
    }
  }
}
