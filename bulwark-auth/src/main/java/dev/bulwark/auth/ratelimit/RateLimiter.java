package dev.bulwark.auth.ratelimit;

import java.util.Objects;

/**
 * Applies one {@link RateLimitRule} to keys on one {@link RateLimitBackend}.
 *
 * {@snippet :
 * RateLimiter limiter = RateLimiter.create(
 *     RateLimitRule.named("api").limit(Limit.perMinute(60)).limit(Limit.perDay(5_000)).build(),
 *     RateLimitBackends.local());
 * RateLimitKey key = RateLimitKey.of(verifiedSubject, resolver.resolve(peer, forwardedFor));
 * if (limiter.tryAcquire(key) instanceof RateLimitDecision.Limited limited) {
 *   respond(429, "Retry-After", limited.retryAfterSeconds());
 * }
 * }
 *
 * <p>Being limited is a {@link RateLimitDecision.Limited} result, never an exception; a store
 * outage is a {@link RateLimitUnavailableException} (fail closed). Immutable and thread-safe.
 */
public final class RateLimiter {
  /** Most tokens one request may spend at once. */
  public static final long MAX_TOKENS_PER_REQUEST = 1_000_000L;

  private final RateLimitRule rule;
  private final RateLimitBackend backend;

  private RateLimiter(RateLimitRule rule, RateLimitBackend backend) {
    this.rule = rule;
    this.backend = backend;
  }

  /** A limiter for {@code rule} on {@code backend}. */
  public static RateLimiter create(RateLimitRule rule, RateLimitBackend backend) {
    return new RateLimiter(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(backend, "backend"));
  }

  /** The rule this limiter applies. */
  public RateLimitRule rule() {
    return rule;
  }

  /** Spends one token of {@code key}'s budget if there is room. */
  public RateLimitDecision tryAcquire(RateLimitKey key) {
    return tryAcquire(key, 1);
  }

  /**
   * Spends {@code tokens} of {@code key}'s budget if every limit has room for all of them.
   *
   * @throws IllegalArgumentException if {@code tokens} is not 1 to {@value #MAX_TOKENS_PER_REQUEST}
   * @throws RateLimitUnavailableException if the store cannot be reached
   */
  public RateLimitDecision tryAcquire(RateLimitKey key, long tokens) {
    Objects.requireNonNull(key, "key");
    if (tokens < 1 || tokens > MAX_TOKENS_PER_REQUEST) {
      throw new IllegalArgumentException("tokens must be 1.." + MAX_TOKENS_PER_REQUEST);
    }
    return backend.tryConsume(key.value(), rule, tokens);
  }

  @Override
  public String toString() {
    return "RateLimiter[" + rule + "]";
  }
}
