package dev.bulwark.server.http;

import static dev.bulwark.server.http.ServerPipelineTest.assertGenericError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.testing.TestServer;
import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trusted proxies, configured CORS, Jetty-level refusals and graceful stop. */
class EdgeCasesTest {

  @Test
  void trustedProxy_forwardedForNamesTheClient_butOnlyThroughTrustedHops() {
    try (TestServer server = TestServer.builder().module(new TestRoutes()).setting("trusted_proxies", "127.0.0.1/32").start()) {
      TestServer.Response r = server.send("GET", "/v1/test/address", null, null, Map.of("X-Forwarded-For", "203.0.113.9"));
      assertThat(r.json().get("address").asText()).isEqualTo("203.0.113.9");
      // The leftmost entry is the client's own claim: only the hop the trusted proxy wrote counts.
      TestServer.Response spoof = server.send("GET", "/v1/test/address", null, null,
          Map.of("X-Forwarded-For", "10.9.9.9, 198.51.100.4"));
      assertThat(spoof.json().get("address").asText()).isEqualTo("198.51.100.4");
    }
  }

  @Test
  void configuredCors_answersOnlyTheListedOrigin() {
    try (TestServer server = TestServer.builder().module(new TestRoutes()).setting("cors.origins", "https://app.example").start()) {
      TestServer.Response allowed = server.send("GET", "/v1/test/public", null, null, Map.of("Origin", "https://app.example"));
      assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://app.example");
      assertThat(allowed.header("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
      TestServer.Response other = server.send("GET", "/v1/test/public", null, null, Map.of("Origin", "https://app.example.evil"));
      assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
      TestServer.Response preflight = server.send("OPTIONS", "/v1/test/echo", null, null,
          Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "POST"));
      assertThat(preflight.status()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Methods")).isPresent();
      TestServer.Response foreignPreflight = server.send("OPTIONS", "/v1/test/echo", null, null,
          Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
      assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isEmpty();
      assertThat(foreignPreflight.status()).isNotEqualTo(204);
    }
  }

  @Test
  void oversizedHeaders_refusedByJetty_stillGetTheGenericBodyAndHeaders() {
    try (TestServer server = TestServer.start()) {
      TestServer.Response r = server.send("GET", "/healthz", null, null, Map.of("X-Padding", "a".repeat(64 * 1024)));
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.body()).doesNotContain("Jetty").doesNotContain("<html");
      assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    }
  }

  @Test
  void close_letsAnInFlightRequestFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    ApiModule slow = () -> List.of(new ApiRoute(HandlerType.GET, "/v1/test/slow", Access.anyone(), RateClass.STANDARD,
        "Slow", ctx -> {
          entered.countDown();
          Thread.sleep(1_000);
          ctx.json(Map.of("done", true));
        }));
    TestServer server = TestServer.builder().module(slow).start();
    CompletableFuture<HttpResponse<String>> pending = server.client().sendAsync(
        HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/v1/test/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    server.close();
    HttpResponse<String> r = pending.get(15, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("done");
  }

  @Test
  void generic404_forAPathWithTraversalAndEncodedBytes() {
    try (TestServer server = TestServer.start()) {
      assertGenericError(server.get("/v1/%2e%2e/%2e%2e/etc/passwd", null), 400, "bad_request");
    }
  }
}
