package dev.bulwark.server.sessions;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes of a session's credentials. The access token's 5 minutes are part of the server
 * contract (every request re-checks the session's liveness, so revocation is immediate anyway).
 *
 * @param refreshTokenIdle how long an unused refresh token stays redeemable (1 minute to 90 days)
 * @param sessionMaximum absolute lifetime of a session, whatever the refreshes (at least the idle
 *     time, at most 365 days)
 * @param livenessRecheck how long a "live" answer is cached before the table is read again; bounds
 *     how late another instance's revocation is seen (0 to 10 seconds)
 */
public record SessionPolicy(Duration refreshTokenIdle, Duration sessionMaximum, Duration livenessRecheck) {
  /** The access token lifetime (server contract). */
  public static final Duration ACCESS_TOKEN = Duration.ofMinutes(5);

  /** 14 days idle, 30 days maximum, 1 second liveness cache. */
  public static final SessionPolicy DEFAULT =
      new SessionPolicy(Duration.ofDays(14), Duration.ofDays(30), Duration.ofSeconds(1));

  /** @throws IllegalArgumentException if a value is out of range */
  public SessionPolicy {
    Objects.requireNonNull(refreshTokenIdle, "refreshTokenIdle");
    Objects.requireNonNull(sessionMaximum, "sessionMaximum");
    Objects.requireNonNull(livenessRecheck, "livenessRecheck");
    if (refreshTokenIdle.compareTo(Duration.ofMinutes(1)) < 0 || refreshTokenIdle.compareTo(Duration.ofDays(90)) > 0) {
      throw new IllegalArgumentException("refreshTokenIdle must be 1 minute to 90 days");
    }
    if (sessionMaximum.compareTo(refreshTokenIdle) < 0 || sessionMaximum.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("sessionMaximum must be refreshTokenIdle to 365 days");
    }
    if (livenessRecheck.isNegative() || livenessRecheck.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("livenessRecheck must be 0 to 10 seconds");
    }
  }
}
