package dev.bulwark.auth.ratelimit;

/**
 * Where token buckets live: the SPI behind {@link RateLimiter}. Bulwark ships three, made by {@link
 * RateLimitBackends}: local (one JVM), Redis and PostgreSQL (shared by every instance of a
 * service). All three pass the same contract test suite.
 *
 * <p>An implementation must make each {@link #tryConsume} one atomic step per key: two concurrent
 * calls can never both spend the last token. Implementations are thread-safe.
 */
public interface RateLimitBackend {
  /**
   * Spends {@code tokens} from the bucket of {@code key} under {@code rule} if every limit has room,
   * creating a full bucket for a key never seen (or forgotten after {@link
   * RateLimitRule#fullRefillTime()} idle).
   *
   * @param key the key text ({@link RateLimitKey#value()}); the backend keeps rules apart itself
   * @throws RateLimitUnavailableException if the backing store cannot be reached (fail closed)
   */
  RateLimitDecision tryConsume(String key, RateLimitRule rule, long tokens);

  /**
   * Deletes up to {@code maxKeys} keys whose buckets are full again (they hold no information).
   * Backends whose store expires keys itself (Redis) return 0.
   *
   * @return how many keys were deleted
   */
  default int purgeIdle(int maxKeys) {
    return 0;
  }
}
