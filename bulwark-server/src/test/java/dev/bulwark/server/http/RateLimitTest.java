package dev.bulwark.server.http;

import static dev.bulwark.server.http.ServerPipelineTest.assertGenericError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets end to end: credential routes much stricter, 429 with Retry-After and every header. */
class RateLimitTest {

  @Test
  void credentialRoute_isThrottledAfterItsBudget_with429AndRetryAfter() {
    try (TestServer server = TestServer.builder().module(new TestRoutes())
        .setting("ratelimit.credential_per_minute", "3").start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.post("/v1/test/login", "{}", null).status()).isEqualTo(200);
      }
      TestServer.Response limited = server.post("/v1/test/login", "{}", null);
      assertGenericError(limited, 429, "rate_limited");
      assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
      // The standard budget is separate: ordinary routes still answer.
      assertThat(server.get("/v1/test/public", null).status()).isEqualTo(200);
    }
  }

  @Test
  void standardBudget_isPerIdentity_soOneAccountCannotSpendAnothers() {
    try (TestServer server = TestServer.builder().module(new TestRoutes())
        .setting("ratelimit.standard_per_minute", "2").start()) {
      String alice = server.accessToken("alice", "s-a");
      String bob = server.accessToken("bob", "s-b");
      assertThat(server.get("/v1/test/me", alice).status()).isEqualTo(200);
      assertThat(server.get("/v1/test/me", alice).status()).isEqualTo(200);
      assertGenericError(server.get("/v1/test/me", alice), 429, "rate_limited");
      assertThat(server.get("/v1/test/me", bob).status()).isEqualTo(200);
    }
  }

  @Test
  void addressBudget_coversRequestsWithGuessedTokens() {
    try (TestServer server = TestServer.builder().module(new TestRoutes())
        .setting("ratelimit.address_per_minute", "3").start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/v1/test/me", "bwk_guess" + i).status()).isEqualTo(401);
      }
      assertGenericError(server.get("/v1/test/me", server.accessToken("a", "s")), 429, "rate_limited");
    }
  }

  @Test
  void spoofedForwardedFor_doesNotBuyAFreshBudget() {
    try (TestServer server = TestServer.builder().module(new TestRoutes())
        .setting("ratelimit.credential_per_minute", "2").start()) {
      for (int i = 0; i < 2; i++) {
        server.send("POST", "/v1/test/login", "{}", null, Map.of("X-Forwarded-For", "198.51.100." + i));
      }
      TestServer.Response r = server.send("POST", "/v1/test/login", "{}", null, Map.of("X-Forwarded-For", "198.51.100.77"));
      assertThat(r.status()).isEqualTo(429);
    }
  }
}
