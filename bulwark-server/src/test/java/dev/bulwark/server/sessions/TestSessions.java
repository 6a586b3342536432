package dev.bulwark.server.sessions;

import dev.bulwark.server.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * For tests that mint access tokens directly (the core's {@code TestServer.accessToken}): makes the
 * token's account and session real rows, so the server's {@link CachedSessionLiveness} accepts it as
 * it accepts a session from {@code POST /v1/sessions}. The account gets no usable password (the
 * stored hash is not a PHC string, so no login can match it) and an address under the reserved
 * {@code .invalid} domain (RFC 2606). Idempotent: rows that exist are left alone.
 */
public final class TestSessions {
  private static final String ACCOUNT = """
      INSERT INTO accounts (id, username, username_key, email, email_key, password_hash, email_verified, is_admin,
        created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING""";
  private static final String SESSION = """
      INSERT INTO sessions (id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""";

  private TestSessions() {}

  /** Ensures account {@code accountId} and its live session {@code sessionId} exist (one day). */
  public static void ensure(Database database, Clock clock, String accountId, String sessionId) {
    long now = clock.millis();
    database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(ACCOUNT)) {
        s.setString(1, accountId);
        s.setString(2, "test:" + accountId);
        s.setString(3, "test:" + accountId);
        s.setString(4, "test+" + accountId + "@example.invalid");
        s.setString(5, "test+" + accountId + "@example.invalid");
        s.setString(6, "no-password");
        s.setBoolean(7, true);
        s.setBoolean(8, false);
        s.setLong(9, now);
        s.setLong(10, now);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(SESSION)) {
        s.setString(1, sessionId);
        s.setString(2, accountId);
        s.setLong(3, now);
        s.setLong(4, now + Duration.ofDays(1).toMillis());
        s.executeUpdate();
      }
      return null;
    });
  }
}
