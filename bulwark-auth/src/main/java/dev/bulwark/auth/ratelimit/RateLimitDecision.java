package dev.bulwark.auth.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link RateLimiter}: a result, never an exception, because being limited is an
 * expected outcome that the caller must handle (switch over it exhaustively).
 *
 * {@snippet :
 * switch (limiter.tryAcquire(key)) {
 *   case RateLimitDecision.Allowed allowed -> handle(request);
 *   case RateLimitDecision.Limited limited -> tooManyRequests(limited.retryAfter());
 * }
 * }
 */
public sealed interface RateLimitDecision {
  /** Whether the request may proceed. */
  boolean allowed();

  /**
   * The request may proceed; its token was spent.
   *
   * @param remainingTokens requests still allowed right now under the tightest limit
   */
  record Allowed(long remainingTokens) implements RateLimitDecision {
    /** @throws IllegalArgumentException if {@code remainingTokens} is negative */
    public Allowed {
      if (remainingTokens < 0) {
        throw new IllegalArgumentException("remainingTokens must be >= 0");
      }
    }

    @Override
    public boolean allowed() {
      return true;
    }
  }

  /**
   * The request must be refused; nothing was spent.
   *
   * @param retryAfter how long until the request would be allowed (for a {@code Retry-After} header),
   *     at least one millisecond
   */
  record Limited(Duration retryAfter) implements RateLimitDecision {
    /** @throws IllegalArgumentException if {@code retryAfter} is not positive */
    public Limited {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative() || retryAfter.isZero()) {
        throw new IllegalArgumentException("retryAfter must be positive");
      }
    }

    /** {@link #retryAfter()} rounded up to whole seconds, as HTTP's {@code Retry-After} wants. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.getSeconds();
      return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }

    @Override
    public boolean allowed() {
      return false;
    }
  }
}
