package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.testing.Concurrently;
import dev.bulwark.auth.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RateLimitBackend} must meet (after Bucket4j's
 * AbstractDistributedBucketTest): each backend's test class extends this one and says only how to
 * build the backend on the given clock.
 */
abstract class AbstractRateLimitBackendContractTest {
  protected TestClock clock;
  private RateLimitBackend backend;

  /** A fresh backend whose keys cannot collide with earlier runs, reading time from {@code clock}. */
  protected abstract RateLimitBackend newBackend(TestClock clock) throws Exception;

  @BeforeEach
  void setUpBackend() throws Exception {
    clock = new TestClock();
    backend = newBackend(clock);
  }

  private RateLimiter limiter(String name, Limit... limits) {
    RateLimitRule.Builder rule = RateLimitRule.named(name);
    for (Limit limit : limits) {
      rule.limit(limit);
    }
    return RateLimiter.create(rule.build(), backend);
  }

  @Test
  void capacity_isAllowed_thenLimitedWithExactRetryAfter() {
    RateLimiter limiter = limiter("login", Limit.perMinute(5));
    RateLimitKey key = RateLimitKey.forIdentity("alice");
    for (int i = 4; i >= 0; i--) {
      assertThat(limiter.tryAcquire(key)).isEqualTo(new RateLimitDecision.Allowed(i));
    }
    RateLimitDecision sixth = limiter.tryAcquire(key);
    // Greedy refill of 5 per minute: one token every 12 s.
    assertThat(sixth).isEqualTo(new RateLimitDecision.Limited(Duration.ofSeconds(12)));
    assertThat(((RateLimitDecision.Limited) sixth).retryAfterSeconds()).isEqualTo(12);
  }

  @Test
  void tokensComeBackWithTime_notBefore() {
    RateLimiter limiter = limiter("refill", Limit.perMinute(5));
    RateLimitKey key = RateLimitKey.forIdentity("bob");
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    }
    clock.advance(Duration.ofSeconds(11));
    assertThat(limiter.tryAcquire(key)).isEqualTo(new RateLimitDecision.Limited(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire(key)).isEqualTo(new RateLimitDecision.Allowed(0));
    assertThat(limiter.tryAcquire(key).allowed()).isFalse();
  }

  @Test
  void severalLimits_allApply_theLongOneBindsAfterTheShortOneRefills() {
    RateLimiter limiter = limiter("multi", Limit.perMinute(3), Limit.perHour(5));
    RateLimitKey key = RateLimitKey.forIdentity("carol");
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    }
    assertThat(limiter.tryAcquire(key).allowed()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    // The minute limit has room again, the hour limit (5) is spent: 12 min per token under it.
    RateLimitDecision limited = limiter.tryAcquire(key);
    assertThat(limited).isInstanceOf(RateLimitDecision.Limited.class);
    assertThat(((RateLimitDecision.Limited) limited).retryAfter()).isGreaterThan(Duration.ofMinutes(10));
  }

  @Test
  void keysAndRules_doNotShareBudgets() {
    RateLimiter login = limiter("login", Limit.perMinute(1));
    RateLimiter api = limiter("api", Limit.perMinute(1));
    RateLimitKey dave = RateLimitKey.forIdentity("dave");
    RateLimitKey erin = RateLimitKey.forIdentity("erin");
    assertThat(login.tryAcquire(dave).allowed()).isTrue();
    assertThat(login.tryAcquire(dave).allowed()).isFalse();
    assertThat(login.tryAcquire(erin).allowed()).isTrue();
    assertThat(api.tryAcquire(dave).allowed()).isTrue();
  }

  @Test
  void severalTokens_allOrNothing() {
    RateLimiter limiter = limiter("bulk", Limit.perMinute(10));
    RateLimitKey key = RateLimitKey.forIdentity("frank");
    assertThat(limiter.tryAcquire(key, 8)).isEqualTo(new RateLimitDecision.Allowed(2));
    assertThat(limiter.tryAcquire(key, 3).allowed()).isFalse();
    // The refused request spent nothing.
    assertThat(limiter.tryAcquire(key, 2)).isEqualTo(new RateLimitDecision.Allowed(0));
  }

  @Test
  void concurrentRequests_neverSpendMoreThanCapacity() throws Exception {
    RateLimiter limiter = limiter("race", Limit.perHour(40));
    RateLimitKey key = RateLimitKey.forIdentity("mallory");
    // 8 threads x 15 attempts each = 120 attempts on a budget of 40.
    int allowed = Concurrently.sum(8, () -> {
      int mine = 0;
      for (int i = 0; i < 15; i++) {
        mine += limiter.tryAcquire(key).allowed() ? 1 : 0;
      }
      return mine;
    });
    assertThat(allowed).isEqualTo(40);
  }

  @Test
  void idleKeys_canBePurged_andComeBackFull() {
    RateLimiter limiter = limiter("idle", Limit.perMinute(2));
    RateLimitKey key = RateLimitKey.forIdentity("grace");
    assertThat(limiter.tryAcquire(key, 2).allowed()).isTrue();
    assertThat(backend.purgeIdle(1000)).isZero();
    clock.advance(Duration.ofMinutes(2));
    backend.purgeIdle(1000);
    assertThat(limiter.tryAcquire(key, 2)).isEqualTo(new RateLimitDecision.Allowed(0));
  }
}
