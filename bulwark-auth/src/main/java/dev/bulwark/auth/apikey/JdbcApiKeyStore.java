package dev.bulwark.auth.apikey;

import dev.bulwark.auth.onetime.StoreException;
import dev.bulwark.auth.onetime.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API key records in a SQL table (PostgreSQL; plain SQL otherwise). Scopes are stored space-separated
 * (scope tokens cannot contain spaces), times as epoch milliseconds. Create the table with {@link
 * #postgresqlDdl(String)} in your migrations. Thread-safe (one connection per call).
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS =
      "key_id, digest, hint, owner, scopes, created_at_ms, expires_at_ms, last_used_at_ms, revoked_at_ms";

  private final DataSource dataSource;
  private final String table;

  private JdbcApiKeyStore(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  /**
   * A store on {@code table}.
   *
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static JdbcApiKeyStore create(DataSource dataSource, String table) {
    return new JdbcApiKeyStore(Objects.requireNonNull(dataSource, "dataSource"), SqlNames.checkTable(table));
  }

  /**
   * The PostgreSQL DDL for the table and its owner index.
   *
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static String postgresqlDdl(String table) {
    String name = SqlNames.checkTable(table);
    return "CREATE TABLE IF NOT EXISTS " + name + " (key_id VARCHAR(32) PRIMARY KEY, digest BYTEA NOT NULL UNIQUE,"
        + " hint VARCHAR(16) NOT NULL, owner VARCHAR(256) NOT NULL, scopes VARCHAR(2112) NOT NULL,"
        + " created_at_ms BIGINT NOT NULL, expires_at_ms BIGINT, last_used_at_ms BIGINT, revoked_at_ms BIGINT);"
        + " CREATE INDEX IF NOT EXISTS " + name + "_owner ON " + name + " (owner)";
  }

  @Override
  public void insert(ApiKeyRecord r) {
    Objects.requireNonNull(r, "record");
    String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, r.keyId());
      s.setBytes(2, r.digest());
      s.setString(3, r.hint());
      s.setString(4, r.owner());
      s.setString(5, String.join(" ", r.scopes().stream().sorted().toList()));
      s.setLong(6, r.createdAt().toEpochMilli());
      setInstant(s, 7, r.expiresAt());
      setInstant(s, 8, r.lastUsedAt());
      setInstant(s, 9, r.revokedAt());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("saving an API key failed", e);
    }
  }

  @Override
  public Optional<ApiKeyRecord> findByDigest(byte[] digest) {
    List<ApiKeyRecord> found = query("SELECT " + COLUMNS + " FROM " + table + " WHERE digest = ?", digest);
    return found.stream().findFirst();
  }

  @Override
  public void recordUse(String keyId, Instant at) {
    update("UPDATE " + table + " SET last_used_at_ms = ? WHERE key_id = ?", at.toEpochMilli(), keyId);
  }

  @Override
  public boolean revoke(String keyId, Instant at) {
    // One conditional UPDATE: of two concurrent revocations exactly one reports success.
    return update("UPDATE " + table + " SET revoked_at_ms = ? WHERE key_id = ? AND revoked_at_ms IS NULL",
        at.toEpochMilli(), keyId) == 1;
  }

  @Override
  public List<ApiKeyRecord> listByOwner(String owner) {
    return query("SELECT " + COLUMNS + " FROM " + table + " WHERE owner = ? ORDER BY created_at_ms, key_id", owner);
  }

  private List<ApiKeyRecord> query(String sql, Object parameter) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      try (ResultSet row = s.executeQuery()) {
        List<ApiKeyRecord> records = new ArrayList<>();
        while (row.next()) {
          String scopes = row.getString(5);
          records.add(new ApiKeyRecord(row.getString(1), row.getBytes(2), row.getString(3), row.getString(4),
              scopes.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(" "))),
              Instant.ofEpochMilli(row.getLong(6)), instant(row, 7), instant(row, 8), instant(row, 9)));
        }
        return records;
      }
    } catch (SQLException e) {
      throw new StoreException("reading API keys failed", e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("updating an API key failed", e);
    }
  }

  private static void setInstant(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
    if (value.isPresent()) {
      s.setLong(index, value.get().toEpochMilli());
    } else {
      s.setNull(index, Types.BIGINT);
    }
  }

  private static Optional<Instant> instant(ResultSet row, int index) throws SQLException {
    long millis = row.getLong(index);
    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }


  @Override
  public String toString() {
    return "JdbcApiKeyStore[" + table + "]";
  }
}
