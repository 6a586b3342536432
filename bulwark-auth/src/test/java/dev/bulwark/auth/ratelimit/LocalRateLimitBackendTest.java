package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRateLimitBackendTest extends AbstractRateLimitBackendContractTest {
  @Override
  protected RateLimitBackend newBackend(TestClock clock) {
    return RateLimitBackends.local(RateLimitBackends.DEFAULT_MAX_LOCAL_KEYS, clock);
  }

  @Test
  void fullTable_refusesNewKeys_insteadOfEvictingActiveOnes() {
    RateLimitBackend small = RateLimitBackends.local(2, clock);
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("t").limit(Limit.perMinute(1)).build(), small);
    RateLimitKey a = RateLimitKey.forIdentity("a");
    assertThat(limiter.tryAcquire(a).allowed()).isTrue();
    assertThat(limiter.tryAcquire(RateLimitKey.forIdentity("b")).allowed()).isTrue();
    RateLimitDecision third = limiter.tryAcquire(RateLimitKey.forIdentity("c"));
    assertThat(third).isEqualTo(new RateLimitDecision.Limited(Duration.ofSeconds(1)));
    // a's spent budget survived the spray: evicting it would have handed it a fresh token.
    assertThat(limiter.tryAcquire(a).allowed()).isFalse();
  }

  @Test
  void fullTable_reclaimsKeysIdleForTheirRefillTime() {
    RateLimitBackend small = RateLimitBackends.local(2, clock);
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("t").limit(Limit.perMinute(1)).build(), small);
    limiter.tryAcquire(RateLimitKey.forIdentity("a"));
    limiter.tryAcquire(RateLimitKey.forIdentity("b"));
    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.tryAcquire(RateLimitKey.forIdentity("c")).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire(RateLimitKey.forIdentity("c")).allowed()).isTrue();
  }

  @Test
  void maxKeys_outOfRange_isRejected() {
    assertThatThrownBy(() -> RateLimitBackends.local(0, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitBackends.local(RateLimitBackends.MAX_LOCAL_KEYS + 1, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
