package dev.bulwark.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Account enumeration by response time, end to end (OWASP Authentication Cheat Sheet): 50 logins
 * with a wrong password for a known account and 50 for unknown names, then 50 forgot-password
 * requests for a known and 50 for unknown addresses, interleaved, over HTTPS against a server with
 * the production defaults (Argon2id m=64 MiB, t=3, p=4; 750 ms response floor). The medians must
 * differ by less than 10%. What it shows: with production parameters on this host the floor
 * dominates (both medians sit at the floor plus network time), so the answer time does not tell
 * whether the account exists; the hash itself is also done on both paths.
 *
 * <p>The tries run as pairs (one known, one unknown, in alternating order) on {@value #PARALLEL}
 * client threads, so both samples see the same load and the test takes about a quarter of the
 * sequential time.
 */
class AccountsTimingApiTest {
  static final int TRIES = 50;
  static final int PARALLEL = 4;
  static TestServer server;
  static final int KNOWN_ACCOUNTS = 10;
  static final java.util.List<String> names = new java.util.ArrayList<>();
  static String email;

  @BeforeAll
  static void start() {
    // Budgets wide enough for 200 credential requests from one address. The login throttle allows 5
    // free failures per name and address, so the 50 known-name tries go to 10 accounts, 5 each, and
    // every try (known or unknown) reaches the password check.
    server = TestServer.builder().setting("ratelimit.credential_per_minute", "100000")
        .setting("ratelimit.address_per_minute", "100000").start();
    AccountsApiTest.server = server;
    AccountsApiTest.outbox = new Outbox(server.dataDir().resolve("outbox"));
    for (int i = 0; i < KNOWN_ACCOUNTS; i++) {
      AccountsApiTest.User u = AccountsApiTest.registeredAndVerified();
      names.add(u.name());
      email = u.email();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void loginTiming_knownAndUnknownNames_mediansWithinTenPercent() {
    long[] known = new long[TRIES];
    long[] unknown = new long[TRIES];
    pairs(i -> {
      String knownBody = AccountsApiTest.json("login", names.get(i % KNOWN_ACCOUNTS), "password", "wrong password " + i);
      String unknownBody = AccountsApiTest.json("login", AccountsFixture.username(), "password", "wrong password " + i);
      timePair("/v1/sessions", i, knownBody, unknownBody, known, unknown);
    });
    EnumerationTimingTest.assertMediansClose("https login", known, unknown, ResponseFloor.DEFAULT);
  }

  @Test
  void forgotTiming_knownAndUnknownAddresses_mediansWithinTenPercent() {
    long[] known = new long[TRIES];
    long[] unknown = new long[TRIES];
    pairs(i -> timePair("/v1/password/forgot", i, AccountsApiTest.json("email", email),
        AccountsApiTest.json("email", AccountsFixture.username() + "@example.com"), known, unknown));
    EnumerationTimingTest.assertMediansClose("https forgot", known, unknown, ResponseFloor.DEFAULT);
  }

  /** Runs {@code pair} for every try index on {@value #PARALLEL} threads and waits for all. */
  private static void pairs(java.util.function.IntConsumer pair) {
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL)) {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < TRIES; i++) {
        int index = i;
        futures.add(pool.submit(() -> pair.accept(index)));
      }
      for (var f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new AssertionError("a try failed", e.getCause());
        }
      }
    }
  }

  /** Times the known and the unknown request of try {@code i}, the order alternating with {@code i}. */
  private static void timePair(String path, int i, String knownBody, String unknownBody, long[] known, long[] unknown) {
    if (i % 2 == 0) {
      known[i] = time(path, knownBody);
      unknown[i] = time(path, unknownBody);
    } else {
      unknown[i] = time(path, unknownBody);
      known[i] = time(path, knownBody);
    }
  }

  private static long time(String path, String body) {
    long start = System.nanoTime();
    TestServer.Response r = server.post(path, body, null);
    long elapsed = System.nanoTime() - start;
    assertThat(r.status()).as("every try reaches the password check").isIn(202, 401);
    return elapsed;
  }
}
