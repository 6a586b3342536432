package dev.bulwark.server.accounts;

import dev.bulwark.server.storage.KeptStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL over the {@code accounts} table (migration V10). Every method runs on a connection the caller
 * got from {@code Database.read} or {@code Database.inTransaction}, so several calls compose into
 * one transaction. Parameterized constants only. Stateless and thread-safe.
 */
public final class AccountStore {
  private static final String INSERT = """
      INSERT INTO accounts (id, username, username_key, email, email_key, password_hash, email_verified,
        is_admin, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""";
  private static final String BY_ID = """
      SELECT id, username, email, password_hash, email_verified, is_admin, version FROM accounts WHERE id = ?""";
  /** Every request of a session reads its account ({@code GET /v1/me}, password change): kept prepared. */
  private static final KeptStatement KEPT_BY_ID = KeptStatement.of(c -> c.prepareStatement(BY_ID));
  private static final String BY_USERNAME_KEY = """
      SELECT id, username, email, password_hash, email_verified, is_admin, version FROM accounts
      WHERE username_key = ?""";
  private static final String BY_EMAIL_KEY = """
      SELECT id, username, email, password_hash, email_verified, is_admin, version FROM accounts
      WHERE email_key = ?""";
  private static final String CONFLICTS = """
      SELECT id, username, email, password_hash, email_verified, is_admin, version FROM accounts
      WHERE username_key = ? OR email_key = ?""";
  private static final String SET_VERIFIED =
      "UPDATE accounts SET email_verified = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  private static final String SET_PASSWORD = """
      UPDATE accounts SET password_hash = ?, updated_at = ?, version = version + 1
      WHERE id = ? AND version = ?""";
  private static final String ADMIN_EXISTS = "SELECT COUNT(*) FROM accounts WHERE is_admin = ?";

  /** A store; it holds no state. */
  public AccountStore() {}

  /** A new account's stored fields. */
  public record NewAccount(String id, String username, String usernameKey, String email, String emailKey,
      String passwordHash, boolean admin) {}

  /** Inserts a new, unverified account. */
  public void insert(Connection c, NewAccount a, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, a.id());
      s.setString(2, a.username());
      s.setString(3, a.usernameKey());
      s.setString(4, a.email());
      s.setString(5, a.emailKey());
      s.setString(6, a.passwordHash());
      s.setBoolean(7, false);
      s.setBoolean(8, a.admin());
      s.setLong(9, nowMillis);
      s.setLong(10, nowMillis);
      s.executeUpdate();
    }
  }

  /** The account with this id. */
  public Optional<Account> byId(Connection c, String id) throws SQLException {
    return KEPT_BY_ID.queryOne(c, AccountStore::read, id);
  }

  /** The account a login identifier names ({@link AccountKeys#loginKey}), if any. */
  public Optional<Account> byLogin(Connection c, String identifier) throws SQLException {
    Optional<String> key = AccountKeys.loginKey(identifier);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (identifier.indexOf('@') >= 0) {
      return byEmailKey(c, key.get());
    }
    try (PreparedStatement s = c.prepareStatement(BY_USERNAME_KEY)) {
      return one(s, key.get());
    }
  }

  /** The account whose address has this key, if any. */
  public Optional<Account> byEmailKey(Connection c, String emailKey) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BY_EMAIL_KEY)) {
      return one(s, emailKey);
    }
  }

  /** Accounts holding this user name or this address (0, 1 or 2). */
  public List<Account> holding(Connection c, String usernameKey, String emailKey) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CONFLICTS)) {
      s.setString(1, usernameKey);
      s.setString(2, emailKey);
      try (ResultSet r = s.executeQuery()) {
        List<Account> out = new ArrayList<>(2);
        while (r.next()) {
          out.add(read(r));
        }
        return out;
      }
    }
  }

  /** Marks the address proven. */
  public void markVerified(Connection c, String id, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_VERIFIED)) {
      s.setBoolean(1, true);
      s.setLong(2, nowMillis);
      s.setString(3, id);
      s.executeUpdate();
    }
  }

  /**
   * Replaces the password hash if the account is still at {@code expectedVersion}.
   *
   * @return false when another change came first (the caller decides whether that matters)
   */
  public boolean setPasswordHash(Connection c, String id, long expectedVersion, String hash, long nowMillis)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_PASSWORD)) {
      s.setString(1, hash);
      s.setLong(2, nowMillis);
      s.setString(3, id);
      s.setLong(4, expectedVersion);
      return s.executeUpdate() == 1;
    }
  }

  /** True once any administrator exists. */
  public boolean adminExists(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADMIN_EXISTS)) {
      s.setBoolean(1, true);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    }
  }

  private static Optional<Account> one(PreparedStatement s, String value) throws SQLException {
    s.setString(1, value);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(read(r)) : Optional.empty();
    }
  }

  private static Account read(ResultSet r) throws SQLException {
    return new Account(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5),
        r.getBoolean(6), r.getLong(7));
  }
}
