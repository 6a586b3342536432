package dev.bulwark.server.accounts;

import dev.bulwark.server.storage.Database;
import dev.bulwark.testkit.Requirements;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;

/** Real databases for the contract suites: a SQLite file, or a fresh PostgreSQL schema. */
public final class TestDatabases {
  private TestDatabases() {}

  public static Database sqlite(Path dir) {
    return Database.sqlite(dir.resolve("bulwark.db"));
  }

  /** A PostgreSQL database in a new schema, or a skip (a failure under BULWARK_REQUIRE_ALL=1). */
  public static Database postgres() {
    Requirements.postgres();
    String schema = "acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    return Database.postgresql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", schema);
  }

  /** Drops the schema a {@link #postgres()} database lives in. */
  public static void dropSchema(Database db) {
    db.inTransaction(c -> {
      String schema = c.getSchema();
      if (schema == null || !schema.startsWith("acc_")) {
        throw new IllegalStateException("not a test schema");
      }
      // bulwark:ignore BWK-JAVA-003 drops only the UUID-named schema this test created
      try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
        s.execute();
      }
      return null;
    });
  }
}
