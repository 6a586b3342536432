package dev.bulwark.server.accounts;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrolment of administrators without any default password: a one-time token ({@code bwe_} + 256
 * random bits) that, given as {@code enrolment_token} at registration, makes the new account an
 * administrator. Stored as SHA-256 only (a 256-bit random token needs no slow hash), single use
 * (one conditional {@code UPDATE ... WHERE used_at IS NULL}), expires {@value #TTL_HOURS} hours after
 * issue.
 *
 * {@snippet :
 * // server start-up: prints a token only while no administrator and no live token exist
 * Enrolment.issueOnFirstStart(database, clock).ifPresent(token -> System.out.println("enrolment token: " + token));
 * }
 *
 * <p>Thread-safe.
 */
public final class Enrolment {
  /** Lifetime of an enrolment token, in hours. */
  public static final int TTL_HOURS = 24;

  private static final Duration TTL = Duration.ofHours(TTL_HOURS);
  private static final String PREFIX = "bwe_";
  private static final String INSERT =
      "INSERT INTO enrolment_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)";
  private static final String LIVE_COUNT =
      "SELECT COUNT(*) FROM enrolment_tokens WHERE used_at IS NULL AND expires_at > ?";
  private static final String FIND =
      "SELECT token_hash FROM enrolment_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?";
  private static final String REDEEM = """
      UPDATE enrolment_tokens SET used_at = ?, used_by = ?
      WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""";

  private final Database database;
  private final Clock clock;
  private final SecureTokens random;

  private Enrolment(Database database, Clock clock, SecureTokens random) {
    this.database = database;
    this.clock = clock;
    this.random = random;
  }

  /** Enrolment on {@code database}. */
  public static Enrolment create(Database database, Clock clock) {
    return new Enrolment(Objects.requireNonNull(database, "database"), Objects.requireNonNull(clock, "clock"),
        SecureTokens.system());
  }

  /**
   * The start-up hook: a new token when no administrator exists and no unused, unexpired token does
   * (so it prints once per 24 hours at most, never once an admin exists); otherwise empty.
   */
  public static Optional<String> issueOnFirstStart(Database database, Clock clock) {
    return create(database, clock).issueIfNoAdministrator();
  }

  /** See {@link #issueOnFirstStart}. */
  public Optional<String> issueIfNoAdministrator() {
    return database.inTransaction(c -> {
      if (new AccountStore().adminExists(c) || liveTokens(c) > 0) {
        return Optional.empty();
      }
      return Optional.of(storeNewToken(c));
    });
  }

  /** A new token, whatever exists ({@code bulwark admin enrol}). */
  public String issue() {
    return database.inTransaction(this::storeNewToken);
  }

  /** True if {@code token} is unused and unexpired; does not use it. */
  boolean isRedeemable(Connection c, String token) throws SQLException {
    Optional<byte[]> hash = hash(token);
    if (hash.isEmpty()) {
      return false;
    }
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setBytes(1, hash.get());
      s.setLong(2, clock.millis());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && ConstantTime.equals(r.getBytes(1), hash.get());
      }
    }
  }

  /** Uses {@code token} for {@code accountId}; false if it was not (or no longer) redeemable. */
  boolean redeem(Connection c, String token, String accountId) throws SQLException {
    Optional<byte[]> hash = hash(token);
    if (hash.isEmpty()) {
      return false;
    }
    long now = clock.millis();
    try (PreparedStatement s = c.prepareStatement(REDEEM)) {
      s.setLong(1, now);
      s.setString(2, accountId);
      s.setBytes(3, hash.get());
      s.setLong(4, now);
      return s.executeUpdate() == 1;
    }
  }

  private String storeNewToken(Connection c) throws SQLException {
    String token = PREFIX + random.urlSafe(32);
    long now = clock.millis();
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setBytes(1, hash(token).orElseThrow());
      s.setLong(2, now);
      s.setLong(3, now + TTL.toMillis());
      s.executeUpdate();
    }
    return token;
  }

  private long liveTokens(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LIVE_COUNT)) {
      s.setLong(1, clock.millis());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private static Optional<byte[]> hash(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() != PREFIX.length() + 43) {
      return Optional.empty();
    }
    return Optional.of(Digests.digest(DigestAlgorithm.SHA256, token.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public String toString() {
    return "Enrolment[" + database + "]";
  }
}
