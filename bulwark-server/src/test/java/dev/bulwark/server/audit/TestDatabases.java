package dev.bulwark.server.audit;

import dev.bulwark.server.storage.Database;
import dev.bulwark.testkit.Requirements;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh databases for the contract suites: a SQLite file in a temp dir, or a PostgreSQL schema of
 * its own (skipped, or failed under BULWARK_REQUIRE_ALL=1, when PostgreSQL is not running).
 */
public final class TestDatabases {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private TestDatabases() {}

  /** Which engine a contract suite runs on. */
  public enum Engine {
    SQLITE,
    POSTGRESQL
  }

  /** A migrated database on {@code engine}; {@link #dispose} it after the test. */
  public static Database open(Engine engine, Path tempDir) {
    return switch (engine) {
      case SQLITE -> Database.sqlite(tempDir.resolve("db/bulwark.db"));
      case POSTGRESQL -> {
        Requirements.postgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        yield Database.postgresql(URL, "postgres", "", schema);
      }
    };
  }

  /** Drops a PostgreSQL test schema (its name is this class's random one) and closes the pool. */
  public static void dispose(Database db) {
    if (db == null) {
      return;
    }
    if (db.kind() == Database.Kind.POSTGRESQL) {
      db.inTransaction(c -> {
        String schema = c.getSchema();
        if (schema.matches("t_[0-9a-f]{16}")) {
          // bulwark:ignore BWK-JAVA-006 drops only the random schema this fixture created (checked above)
          try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
            s.execute();
          }
        }
        return null;
      });
    }
    db.close();
  }
}
