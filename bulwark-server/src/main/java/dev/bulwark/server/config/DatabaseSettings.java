package dev.bulwark.server.config;

import java.util.Optional;

/**
 * Where the data lives: the embedded SQLite file under the data directory (no URL), or PostgreSQL.
 *
 * @param url a {@code jdbc:postgresql://...} URL, or empty for SQLite
 * @param user the PostgreSQL user
 * @param password the PostgreSQL password (pass it through {@code BULWARK_DATABASE_PASSWORD}, not the file)
 * @param schema the schema to use and migrate
 */
public record DatabaseSettings(Optional<String> url, String user, String password, String schema) {

  /** @throws ConfigException if the URL is not a PostgreSQL JDBC URL or the schema not an identifier */
  public DatabaseSettings {
    url.ifPresent(u -> {
      if (!u.startsWith("jdbc:postgresql://")) {
        throw new ConfigException("database.url", "must be a jdbc:postgresql:// URL (leave it unset for SQLite)");
      }
    });
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ConfigException("database.schema", "must match [a-z_][a-z0-9_]{0,62}");
    }
  }

  /** SQLite under the data directory. */
  public static DatabaseSettings sqlite() {
    return new DatabaseSettings(Optional.empty(), "", "", "bulwark");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + url.orElse("sqlite") + ", user=" + user + ", schema=" + schema + "]";
  }
}
