package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitRuleTest {
  @Test
  void rule_keepsItsLimits_andKnowsWhenAKeyIsFullAgain() {
    RateLimitRule rule = RateLimitRule.named("login").limit(Limit.perMinute(5)).limit(Limit.perDay(100)).build();
    assertThat(rule.limits()).containsExactly(Limit.perMinute(5), Limit.perDay(100));
    assertThat(rule.fullRefillTime()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void badRules_areRejectedAtOnce() {
    assertThatThrownBy(() -> RateLimitRule.named("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitRule.named("x").build()).isInstanceOf(IllegalArgumentException.class);
    RateLimitRule.Builder full = RateLimitRule.named("x");
    for (int i = 0; i < RateLimitRule.MAX_LIMITS; i++) {
      full.limit(Limit.perMinute(1));
    }
    assertThatThrownBy(() -> full.limit(Limit.perMinute(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limit.perMinute(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limit(1, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limit(1, Duration.ofDays(367))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisions_checkTheirValues_andRoundRetryAfterUp() {
    assertThat(new RateLimitDecision.Limited(Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
    assertThatThrownBy(() -> new RateLimitDecision.Limited(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitDecision.Allowed(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limiter_rejectsTokenCountsOutOfRange() {
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("x").limit(Limit.perMinute(1)).build(),
        RateLimitBackends.local());
    assertThatThrownBy(() -> limiter.tryAcquire(RateLimitKey.forIdentity("a"), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
