package dev.bulwark.server.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL over {@code sessions} and {@code refresh_tokens} (migration V12), on a connection the caller
 * holds, so calls compose into one transaction. Atomicity comes from conditional statements that
 * both SQLite and PostgreSQL honour: a refresh token is used by {@code UPDATE ... WHERE used_at IS
 * NULL} (one row or none, never two winners), and a session is revoked by {@code UPDATE ... WHERE
 * revoked_at IS NULL}. Stateless and thread-safe.
 */
final class SessionStore {
  private static final String INSERT_SESSION =
      "INSERT INTO sessions (id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
  private static final String INSERT_REFRESH =
      "INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)";
  private static final String USE_REFRESH =
      "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?";
  private static final String FIND_REFRESH =
      "SELECT session_id, used_at FROM refresh_tokens WHERE token_hash = ?";
  private static final String FIND_SESSION =
      "SELECT account_id, expires_at, revoked_at FROM sessions WHERE id = ?";
  private static final String REVOKE_SESSION =
      "UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL";
  private static final String REVOKE_ACCOUNT = """
      UPDATE sessions SET revoked_at = ?, revoked_reason = ?
      WHERE account_id = ? AND revoked_at IS NULL AND id <> ? RETURNING id""";

  /** A refresh token row: which session, and whether it was used already. */
  record RefreshRow(String sessionId, boolean used) {}

  /** A session row. */
  record SessionRow(String accountId, long expiresAtMillis, boolean revoked) {
    boolean liveAt(long nowMillis) {
      return !revoked && nowMillis < expiresAtMillis;
    }
  }

  void insertSession(Connection c, String id, String accountId, long now, long expiresAt) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_SESSION)) {
      s.setString(1, id);
      s.setString(2, accountId);
      s.setLong(3, now);
      s.setLong(4, expiresAt);
      s.executeUpdate();
    }
  }

  void insertRefresh(Connection c, byte[] hash, String sessionId, long now, long expiresAt) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_REFRESH)) {
      s.setBytes(1, hash);
      s.setString(2, sessionId);
      s.setLong(3, now);
      s.setLong(4, expiresAt);
      s.executeUpdate();
    }
  }

  /** Marks the token used if it is unused and unexpired; true for exactly one caller per token. */
  boolean useRefresh(Connection c, byte[] hash, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(USE_REFRESH)) {
      s.setLong(1, now);
      s.setBytes(2, hash);
      s.setLong(3, now);
      return s.executeUpdate() == 1;
    }
  }

  Optional<RefreshRow> findRefresh(Connection c, byte[] hash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND_REFRESH)) {
      s.setBytes(1, hash);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String sessionId = r.getString(1);
        r.getLong(2);
        return Optional.of(new RefreshRow(sessionId, !r.wasNull()));
      }
    }
  }

  Optional<SessionRow> findSession(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND_SESSION)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String accountId = r.getString(1);
        long expiresAt = r.getLong(2);
        r.getLong(3);
        return Optional.of(new SessionRow(accountId, expiresAt, !r.wasNull()));
      }
    }
  }

  /** Revokes one session; true if this call revoked it (false if it was revoked already or absent). */
  boolean revoke(Connection c, String id, String reason, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REVOKE_SESSION)) {
      s.setLong(1, now);
      s.setString(2, reason);
      s.setString(3, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Revokes every live session of the account except {@code keepId}; returns the ids revoked. */
  List<String> revokeAllExcept(Connection c, String accountId, String keepId, String reason, long now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REVOKE_ACCOUNT)) {
      s.setLong(1, now);
      s.setString(2, reason);
      s.setString(3, accountId);
      s.setString(4, keepId);
      try (ResultSet r = s.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (r.next()) {
          ids.add(r.getString(1));
        }
        return ids;
      }
    }
  }
}
