package dev.bulwark.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Keycloak CVE-2024-4629: brute-force protection raced; parallel login requests were all checked
 * before any failure was counted, so an attacker got many more guesses than the limit. Here the
 * check and the count are one atomic step.
 */
class KeycloakCve20244629ConcurrentAttemptsTest {
  @RepeatedTest(5)
  void parallelAttempts_getExactlyTheFreeFailures() throws Exception {
    LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.DEFAULT, new ThrottleClock(), 1000);
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    int threads = 16;
    int attemptsPerThread = 20;
    AtomicInteger permitted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < attemptsPerThread; i++) {
            // Variants of one name, so canonicalisation runs concurrently too.
            String name = (thread % 2 == 0) ? "victim" : " VICTIM";
            if (throttle.tryAttempt(name, attacker) instanceof LoginAttempt.Permitted) {
              permitted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // The clock does not move: exactly the 5 free failures per account and address, never more.
    assertThat(permitted.get()).isEqualTo(ThrottlePolicy.DEFAULT.freeFailuresPerAddress());
  }
}
