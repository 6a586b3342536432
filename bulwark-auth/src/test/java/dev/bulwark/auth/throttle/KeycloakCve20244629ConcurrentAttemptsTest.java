package dev.bulwark.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.testing.Concurrently;
import dev.bulwark.auth.testing.TestClock;
import java.net.InetAddress;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Keycloak CVE-2024-4629: brute-force protection raced; parallel login requests were all checked
 * before any failure was counted, so an attacker got many more guesses than the limit. Here the
 * check and the count are one atomic step.
 */
class KeycloakCve20244629ConcurrentAttemptsTest {
  @RepeatedTest(5)
  void parallelAttempts_getExactlyTheFreeFailures() throws Exception {
    LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.DEFAULT, new TestClock(), 1000);
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    // 16 threads x 20 attempts, half of them under another spelling of the name.
    int[] thread = new int[1];
    int permitted = Concurrently.sum(16, () -> {
      String name;
      synchronized (thread) {
        name = (thread[0]++ % 2 == 0) ? "victim" : " VICTIM";
      }
      int mine = 0;
      for (int i = 0; i < 20; i++) {
        mine += throttle.tryAttempt(name, attacker) instanceof LoginAttempt.Permitted ? 1 : 0;
      }
      return mine;
    });
    // The clock does not move: exactly the 5 free failures per account and address, never more.
    assertThat(permitted).isEqualTo(ThrottlePolicy.DEFAULT.freeFailuresPerAddress());
  }
}
