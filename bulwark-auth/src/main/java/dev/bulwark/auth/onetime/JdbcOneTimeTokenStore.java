package dev.bulwark.auth.onetime;

import dev.bulwark.auth.onetime.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One-time token hashes in a SQL table (PostgreSQL, and SQLite 3.35 or later: both have {@code
 * DELETE ... RETURNING}). {@link #consume} is the single statement {@code DELETE FROM t WHERE
 * token_hash = ? AND purpose = ? RETURNING ...}: the database deletes the row and returns it in one
 * step, so of two concurrent redemptions exactly one gets the row.
 *
 * <p>Create the table with {@link #postgresqlDdl(String)} in your migrations. Expiry is stored as
 * epoch milliseconds. Thread-safe (one connection per call from the {@link DataSource}).
 */
public final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

  private final DataSource dataSource;
  private final String table;

  private JdbcOneTimeTokenStore(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  /**
   * A store on {@code table}.
   *
   * @param table a lower-case SQL identifier (it goes into SQL text, so it is checked strictly)
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static JdbcOneTimeTokenStore create(DataSource dataSource, String table) {
    return new JdbcOneTimeTokenStore(Objects.requireNonNull(dataSource, "dataSource"), SqlNames.checkTable(table));
  }

  /**
   * The PostgreSQL DDL for the table (and its subject index).
   *
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static String postgresqlDdl(String table) {
    String name = SqlNames.checkTable(table);
    return "CREATE TABLE IF NOT EXISTS " + name + " (token_hash BYTEA PRIMARY KEY, key_id VARCHAR(16) NOT NULL,"
        + " subject VARCHAR(256) NOT NULL, purpose VARCHAR(32) NOT NULL, expires_at_ms BIGINT NOT NULL);"
        + " CREATE INDEX IF NOT EXISTS " + name + "_subject ON " + name + " (subject, purpose)";
  }

  @Override
  public void save(StoredToken token) {
    Objects.requireNonNull(token, "token");
    String sql = "INSERT INTO " + table + " (token_hash, key_id, subject, purpose, expires_at_ms) VALUES (?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, token.tokenHash());
      s.setString(2, token.keyId());
      s.setString(3, token.subject());
      s.setString(4, token.purpose().code());
      s.setLong(5, token.expiresAt().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("saving a one-time token failed", e);
    }
  }

  @Override
  public Optional<StoredToken> consume(byte[] tokenHash, TokenPurpose purpose, Instant now) {
    String sql = "DELETE FROM " + table + " WHERE token_hash = ? AND purpose = ?"
        + " RETURNING token_hash, key_id, subject, expires_at_ms";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, tokenHash);
      s.setString(2, purpose.code());
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        StoredToken token = new StoredToken(row.getBytes(1), row.getString(2), row.getString(3), purpose,
            Instant.ofEpochMilli(row.getLong(4)));
        return now.isBefore(token.expiresAt()) ? Optional.of(token) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("redeeming a one-time token failed", e);
    }
  }

  @Override
  public int deleteAll(String subject, TokenPurpose purpose) {
    return update("DELETE FROM " + table + " WHERE subject = ? AND purpose = ?", subject, purpose.code());
  }

  @Override
  public int deleteExpired(Instant now) {
    return update("DELETE FROM " + table + " WHERE expires_at_ms <= ?", now.toEpochMilli());
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("deleting one-time tokens failed", e);
    }
  }


  @Override
  public String toString() {
    return "JdbcOneTimeTokenStore[" + table + "]";
  }
}
