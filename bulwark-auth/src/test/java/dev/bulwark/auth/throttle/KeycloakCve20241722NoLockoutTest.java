package dev.bulwark.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keycloak CVE-2024-1722: an attacker who knew a user name could lock the real user out by failing
 * logins on purpose. Here failures cause finite, progressive delays; the attacker's own address is
 * slowed hard, the account as a whole only up to a small cap.
 */
class KeycloakCve20241722NoLockoutTest {
  private final TestClock clock = new TestClock();
  private final LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.DEFAULT, clock, 1000);
  private final InetAddress victim = InetAddress.ofLiteral("198.51.100.10");

  @Test
  void delays_doubleAfterTheFreeFailures_upToTheCap() {
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.tryAttempt("bob", attacker)).isInstanceOf(LoginAttempt.Permitted.class);
    }
    Duration expected = Duration.ofSeconds(1);
    for (int failure = 6; failure <= 20; failure++) {
      LoginAttempt attempt = throttle.tryAttempt("bob", attacker);
      assertThat(attempt).isInstanceOf(LoginAttempt.Delayed.class);
      Duration wait = ((LoginAttempt.Delayed) attempt).retryAfter();
      assertThat(wait).as("before failure %d", failure).isEqualTo(expected);
      clock.advance(wait);
      assertThat(throttle.tryAttempt("bob", attacker)).isInstanceOf(LoginAttempt.Permitted.class);
      expected = min(expected.multipliedBy(2), Duration.ofMinutes(15));
    }
  }

  @Test
  void attackerFailingFromManyAddresses_neverLocksTheVictimOut() {
    for (int i = 0; i < 2000; i++) {
      InetAddress attacker = InetAddress.ofLiteral("203.0." + (i / 250) + "." + (i % 250));
      if (throttle.tryAttempt("carol", attacker) instanceof LoginAttempt.Delayed delayed) {
        // Even the account-wide delay never exceeds its cap: no lockout to wait out.
        assertThat(delayed.retryAfter()).isLessThanOrEqualTo(Duration.ofMinutes(1));
        clock.advance(delayed.retryAfter());
      }
    }
    LoginAttempt attempt = throttle.tryAttempt("carol", victim);
    Duration waited = Duration.ZERO;
    if (attempt instanceof LoginAttempt.Delayed delayed) {
      waited = delayed.retryAfter();
      clock.advance(waited);
      attempt = throttle.tryAttempt("carol", victim);
    }
    assertThat(waited).isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(attempt).isInstanceOf(LoginAttempt.Permitted.class);
    throttle.succeeded((LoginAttempt.Permitted) attempt);
  }

  @Test
  void success_clearsTheVictimsAddressCounter_only() {
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    for (int i = 0; i < 4; i++) {
      throttle.tryAttempt("dave", victim);
    }
    LoginAttempt.Permitted permit = (LoginAttempt.Permitted) throttle.tryAttempt("dave", victim);
    throttle.succeeded(permit);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.tryAttempt("dave", victim)).isInstanceOf(LoginAttempt.Permitted.class);
    }
    for (int i = 0; i < 5; i++) {
      throttle.tryAttempt("dave", attacker);
    }
    assertThat(throttle.tryAttempt("dave", attacker)).isInstanceOf(LoginAttempt.Delayed.class);
  }

  @Test
  void countersAreForgotten_afterTheQuietPeriod() {
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    for (int i = 0; i < 6; i++) {
      throttle.tryAttempt("erin", attacker);
    }
    clock.advance(Duration.ofHours(24));
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.tryAttempt("erin", attacker)).isInstanceOf(LoginAttempt.Permitted.class);
    }
    assertThat(throttle.purgeExpired()).isZero();
    clock.advance(Duration.ofHours(25));
    assertThat(throttle.purgeExpired()).isEqualTo(1);
  }

  @Test
  void policy_refusesAnAccountCapThatWouldBeALockout() {
    assertThatThrownBy(() -> new ThrottlePolicy(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofHours(24))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottlePolicy(0, 20, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofMinutes(1), Duration.ofHours(24))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fullTable_delaysNewAccounts_withoutDroppingLiveCounters() {
    LoginThrottle small = LoginThrottle.create(ThrottlePolicy.DEFAULT, clock, 1);
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    small.tryAttempt("frank", attacker);
    assertThat(small.tryAttempt("grace", attacker)).isEqualTo(new LoginAttempt.Delayed(Duration.ofSeconds(1)));
    clock.advance(Duration.ofHours(25));
    assertThat(small.tryAttempt("grace", attacker)).isInstanceOf(LoginAttempt.Permitted.class);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
