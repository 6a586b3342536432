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
 */
class AccountsTimingApiTest {
  static final int TRIES = 50;
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
    for (int i = 0; i < TRIES; i++) {
      known[i] = time("/v1/sessions", AccountsApiTest.json("login", names.get(i % KNOWN_ACCOUNTS), "password", "wrong password " + i));
      unknown[i] = time("/v1/sessions", AccountsApiTest.json("login", AccountsFixture.username(), "password", "wrong password " + i));
    }
    EnumerationTimingTest.assertMediansClose("https login", known, unknown, ResponseFloor.DEFAULT);
  }

  @Test
  void forgotTiming_knownAndUnknownAddresses_mediansWithinTenPercent() {
    long[] known = new long[TRIES];
    long[] unknown = new long[TRIES];
    for (int i = 0; i < TRIES; i++) {
      known[i] = time("/v1/password/forgot", AccountsApiTest.json("email", email));
      unknown[i] = time("/v1/password/forgot", AccountsApiTest.json("email", AccountsFixture.username() + "@example.com"));
    }
    EnumerationTimingTest.assertMediansClose("https forgot", known, unknown, ResponseFloor.DEFAULT);
  }

  private static long time(String path, String body) {
    long start = System.nanoTime();
    TestServer.Response r = server.post(path, body, null);
    long elapsed = System.nanoTime() - start;
    assertThat(r.status()).as("every try reaches the password check").isIn(202, 401);
    return elapsed;
  }
}
