package dev.bulwark.server.secrets;

import dev.bulwark.server.storage.Database;
import dev.bulwark.testkit.Requirements;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;

/** The two engines the secrets and transit contract suites run on. */
public final class TestDatabases {
  private TestDatabases() {}

  /** A fresh SQLite file under {@code dir}. */
  public static Database sqlite(Path dir) {
    return Database.sqlite(dir.resolve("bulwark-" + UUID.randomUUID() + ".db"));
  }

  /** A fresh, uniquely named PostgreSQL schema (skips when PostgreSQL is absent). */
  public static Database postgres() {
    Requirements.postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    return Database.postgresql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", schema);
  }

  /** Drops a PostgreSQL test schema made by {@link #postgres()} (no-op on SQLite). */
  public static void dropSchema(Database db) {
    if (db.kind() != Database.Kind.POSTGRESQL) {
      return;
    }
    db.inTransaction(c -> {
      String schema = c.getSchema();
      if (!schema.matches("t_[0-9a-f]{16}")) {
        throw new IllegalStateException("refusing to drop a schema this fixture did not create");
      }
      // bulwark:ignore BWK-JAVA-003 drops only the random test schema checked just above
      try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
        s.execute();
      }
      return null;
    });
  }
}
