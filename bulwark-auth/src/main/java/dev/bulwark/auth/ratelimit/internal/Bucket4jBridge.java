package dev.bulwark.auth.ratelimit.internal;

import dev.bulwark.auth.ratelimit.Limit;
import dev.bulwark.auth.ratelimit.RateLimitDecision;
import dev.bulwark.auth.ratelimit.RateLimitRule;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Translation between Bulwark's rate-limit types and Bucket4j's. Stateless. */
final class Bucket4jBridge {
  private static final Duration MIN_RETRY_AFTER = Duration.ofMillis(1);

  private Bucket4jBridge() {}

  static BucketConfiguration configuration(RateLimitRule rule) {
    ConfigurationBuilder builder = BucketConfiguration.builder();
    for (Limit limit : rule.limits()) {
      // Greedy refill: tokens come back continuously, so there is no window edge to burst across.
      builder.addLimit(Bandwidth.builder().capacity(limit.capacity())
          .refillGreedy(limit.capacity(), limit.period()).build());
    }
    return builder.build();
  }

  static RateLimitDecision decision(ConsumptionProbe probe) {
    if (probe.isConsumed()) {
      return new RateLimitDecision.Allowed(Math.max(0, probe.getRemainingTokens()));
    }
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    return new RateLimitDecision.Limited(wait.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : wait);
  }

  /** Bucket4j's clock from an injected {@link InstantSource} (tests move time by hand). */
  static TimeMeter timeMeter(InstantSource clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
