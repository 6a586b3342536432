package dev.bulwark.auth.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One bandwidth of a {@link RateLimitRule}: at most {@code capacity} requests per {@code period},
 * refilled smoothly (a token every {@code period / capacity}), so a client that waits gets capacity
 * back gradually instead of all at once at a window edge (no fixed-window burst at the boundary).
 *
 * <p>Immutable value.
 *
 * @param capacity requests allowed per period, 1 to {@value #MAX_CAPACITY}
 * @param period the refill period, 1 second to 366 days
 */
public record Limit(long capacity, Duration period) {
  /** Largest capacity a limit accepts (a bigger number is a misconfiguration, not a limit). */
  public static final long MAX_CAPACITY = 1_000_000_000L;

  private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
  private static final Duration MAX_PERIOD = Duration.ofDays(366);

  /**
   * @throws IllegalArgumentException if the capacity or the period is out of range
   */
  public Limit {
    Objects.requireNonNull(period, "period");
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity must be 1.." + MAX_CAPACITY + ", got " + capacity);
    }
    if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("period must be 1 s to 366 days, got " + period);
    }
  }

  /** {@code capacity} per minute. */
  public static Limit perMinute(long capacity) {
    return new Limit(capacity, Duration.ofMinutes(1));
  }

  /** {@code capacity} per hour. */
  public static Limit perHour(long capacity) {
    return new Limit(capacity, Duration.ofHours(1));
  }

  /** {@code capacity} per day. */
  public static Limit perDay(long capacity) {
    return new Limit(capacity, Duration.ofDays(1));
  }
}
