package dev.bulwark.auth.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named rate-limit rule made of one or more {@link Limit}s that all apply at once: a request is
 * allowed only when every limit has room (e.g. 5 per minute AND 100 per day, so a patient client
 * cannot spend the daily budget in bursts).
 *
 * {@snippet :
 * RateLimitRule login = RateLimitRule.named("login")
 *     .limit(Limit.perMinute(5))
 *     .limit(Limit.perDay(100))
 *     .build();
 * }
 *
 * <p>The name is part of every stored key, so two rules never share counters. Immutable and
 * thread-safe.
 */
public final class RateLimitRule {
  /** Most limits one rule may hold. */
  public static final int MAX_LIMITS = 8;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");

  private final String name;
  private final List<Limit> limits;

  private RateLimitRule(String name, List<Limit> limits) {
    this.name = name;
    this.limits = List.copyOf(limits);
  }

  /**
   * Starts a rule.
   *
   * @param name 1 to 48 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
   * @throws IllegalArgumentException if the name is malformed
   */
  public static Builder named(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a rule name is 1 to 48 characters of a-z 0-9 . _ -");
    }
    return new Builder(name);
  }

  /** The rule's name. */
  public String name() {
    return name;
  }

  /** The limits, in the order they were added. */
  public List<Limit> limits() {
    return limits;
  }

  /**
   * The longest time a key's state can matter: after this long without requests every limit is full
   * again, so forgetting the key loses nothing. Backends expire idle keys after it.
   */
  public Duration fullRefillTime() {
    Duration longest = Duration.ZERO;
    for (Limit limit : limits) {
      if (limit.period().compareTo(longest) > 0) {
        longest = limit.period();
      }
    }
    return longest;
  }

  @Override
  public String toString() {
    return "RateLimitRule[" + name + ", " + limits + "]";
  }

  /** Collects the limits of a rule. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Limit> limits = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a limit.
     *
     * @throws IllegalArgumentException if the rule already holds {@value #MAX_LIMITS} limits
     */
    public Builder limit(Limit limit) {
      Objects.requireNonNull(limit, "limit");
      if (limits.size() == MAX_LIMITS) {
        throw new IllegalArgumentException("a rule holds at most " + MAX_LIMITS + " limits");
      }
      limits.add(limit);
      return this;
    }

    /**
     * The rule.
     *
     * @throws IllegalArgumentException if no limit was added
     */
    public RateLimitRule build() {
      if (limits.isEmpty()) {
        throw new IllegalArgumentException("a rule needs at least one limit");
      }
      return new RateLimitRule(name, limits);
    }
  }
}
