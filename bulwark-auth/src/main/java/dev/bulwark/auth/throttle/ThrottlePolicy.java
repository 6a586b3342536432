package dev.bulwark.auth.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link LoginThrottle} slows down failing logins. Two counters per attempt:
 *
 * <ul>
 *   <li>per account and client address: a few free failures, then delays doubling from {@code
 *       baseDelay} up to {@code maxDelayPerAddress}: one address guessing one account's password is
 *       slowed to a crawl;
 *   <li>per account from every address: more free failures and a low cap ({@code
 *       maxDelayPerAccount}), so a distributed guesser is slowed too, yet the real user, even while an
 *       attacker hammers the account, waits at most that cap, never a lockout (Keycloak
 *       CVE-2024-1722: lockout of a victim by an attacker's failed logins).
 * </ul>
 *
 * <p>Failures are forgotten after {@code forgetAfter} without a new one. Immutable value; {@link
 * #DEFAULT} is the versioned default.
 *
 * @param freeFailuresPerAddress failures per account and address before any delay (1 to 100)
 * @param freeFailuresPerAccount failures per account from all addresses before any delay (1 to 10000)
 * @param baseDelay the first delay (100 ms to 1 min)
 * @param maxDelayPerAddress the cap per account and address (at least baseDelay, at most 1 hour)
 * @param maxDelayPerAccount the cap per account (at least baseDelay, at most 5 minutes)
 * @param forgetAfter how long a counter survives without failures (1 minute to 30 days)
 */
public record ThrottlePolicy(int freeFailuresPerAddress, int freeFailuresPerAccount, Duration baseDelay,
    Duration maxDelayPerAddress, Duration maxDelayPerAccount, Duration forgetAfter) {

  /**
   * Version 1 (2026): 5 free failures per account and address, 20 per account, delays from 1 s
   * doubling to 15 min per address and 1 min per account, forgotten after 24 h.
   */
  public static final ThrottlePolicy DEFAULT = new ThrottlePolicy(5, 20, Duration.ofSeconds(1),
      Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(24));

  /** @throws IllegalArgumentException if a value is out of its range */
  public ThrottlePolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelayPerAddress, "maxDelayPerAddress");
    Objects.requireNonNull(maxDelayPerAccount, "maxDelayPerAccount");
    Objects.requireNonNull(forgetAfter, "forgetAfter");
    check(freeFailuresPerAddress >= 1 && freeFailuresPerAddress <= 100, "freeFailuresPerAddress must be 1..100");
    check(freeFailuresPerAccount >= 1 && freeFailuresPerAccount <= 10_000, "freeFailuresPerAccount must be 1..10000");
    check(within(baseDelay, Duration.ofMillis(100), Duration.ofMinutes(1)), "baseDelay must be 100 ms..1 min");
    check(within(maxDelayPerAddress, baseDelay, Duration.ofHours(1)), "maxDelayPerAddress must be baseDelay..1 h");
    // A higher per-account cap would turn into the lockout an attacker can impose on a victim.
    check(within(maxDelayPerAccount, baseDelay, Duration.ofMinutes(5)), "maxDelayPerAccount must be baseDelay..5 min");
    check(within(forgetAfter, Duration.ofMinutes(1), Duration.ofDays(30)), "forgetAfter must be 1 min..30 days");
  }

  /**
   * The wait after the {@code failures}-th failure: none while fewer than {@code free} failures were
   * made, then {@code base} doubling per failure, capped at {@code max}.
   */
  static Duration delay(long failures, int free, Duration base, Duration max) {
    if (failures < free) {
      return Duration.ZERO;
    }
    long doublings = Math.min(failures - free, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  private static boolean within(Duration value, Duration min, Duration max) {
    return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
