package dev.bulwark.server.http;

import static dev.bulwark.server.http.ServerPipelineTest.assertGenericError;
import static dev.bulwark.server.http.ServerPipelineTest.assertSecurityHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.auth.jwt.JwkSet;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.server.keys.JwtKeys;
import dev.bulwark.server.testing.TestServer;
import io.javalin.router.ParsedEndpoint;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JWKS, health, readiness, metrics, the OpenAPI document, and the registrar as the only way in. */
class CoreRoutesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().module(new TestRoutes()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void jwks_isServedAndVerifiesAnAccessToken() throws Exception {
    TestServer.Response r = server.get("/.well-known/jwks.json", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"d\"");
    JwkSet keys = JwkSet.parse(r.body());
    JwtVerifier verifier = JwtVerifier.builder(keys).requireIssuer(JwtKeys.ISSUER).requireAudience(JwtKeys.AUDIENCE).build();
    VerifiedJwt jwt = verifier.verify(server.accessToken("acct-9", "sess-9", Scope.ADMIN));
    assertThat(jwt.subject()).contains("acct-9");
    assertThat(jwt.scopes()).containsExactly("admin");
    assertThat(jwt.keyId()).isPresent();
  }

  @Test
  void healthAndReadiness_answer() {
    assertThat(server.get("/healthz", null).json().get("status").asText()).isEqualTo("ok");
    TestServer.Response ready = server.get("/readyz", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    assertSecurityHeaders(ready);
  }

  @Test
  void metrics_fromLoopback_isPrometheusText() {
    server.get("/v1/test/public", null);
    server.get("/v1/nothing", null);
    TestServer.Response r = server.get("/metrics", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body()).contains("# TYPE bulwark_http_requests_total counter")
        .contains("bulwark_http_requests_total{method=\"GET\",route=\"/v1/test/public\",status=\"200\"}")
        .contains("route=\"unmatched\",status=\"404\"")
        .contains("bulwark_http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/test/public\",le=\"+Inf\"}")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .doesNotContain("/v1/nothing");
  }

  @Test
  void metrics_fromANonLoopbackClient_needsTheAdminScope() {
    try (TestServer proxied = TestServer.builder().setting("trusted_proxies", "127.0.0.1/32").start()) {
      Map<String, String> remote = Map.of("X-Forwarded-For", "203.0.113.5");
      TestServer.Response anonymous = proxied.send("GET", "/metrics", null, null, remote);
      assertGenericError(anonymous, 401, "unauthenticated");
      TestServer.Response user = proxied.send("GET", "/metrics", null, proxied.accessToken("u", "s", Scope.SECRETS_READ), remote);
      assertGenericError(user, 403, "forbidden");
      TestServer.Response admin = proxied.send("GET", "/metrics", null, proxied.accessToken("u", "s", Scope.ADMIN), remote);
      assertThat(admin.status()).isEqualTo(200);
    }
  }

  @Test
  void openApi_documentsExactlyTheRoutesJavalinServes() {
    JsonNode document = server.get("/openapi.json", null).json();
    assertThat(document.get("openapi").asText()).startsWith("3.1");
    Set<String> documented = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    Set<String> served = javalinRoutes().stream()
        .map(e -> e.endpoint.method.name() + " " + OpenApiDocument.openApiPath(e.endpoint.path)).collect(Collectors.toSet());
    assertThat(documented).isEqualTo(served).contains("GET /v1/test/items/{id}", "GET /openapi.json", "GET /metrics");
  }

  @Test
  void openApi_statesEachRoutesSecurityAndTheErrorSchema() {
    JsonNode document = server.get("/openapi.json", null).json();
    JsonNode secret = document.get("paths").get("/v1/test/secret").get("get");
    assertThat(secret.get("security").get(0).get("bearer").get(0).asText()).isEqualTo("secrets:read");
    assertThat(document.get("paths").get("/v1/test/me").get("get").get("security").get(0).get("bearer")).isEmpty();
    assertThat(document.get("paths").get("/healthz").get("get").get("security")).isEmpty();
    assertThat(document.get("paths").get("/v1/test/login").get("post").get("x-bulwark-rate-class").asText()).isEqualTo("credential");
    assertThat(document.get("components").get("schemas").get("Error").get("required").toString())
        .contains("error", "message", "error_id");
  }

  @Test
  void noJavalinRoute_existsOutsideTheRegistrar() {
    Set<String> registered = server.server().routes().stream()
        .map(r -> r.method().name() + " " + r.path()).collect(Collectors.toSet());
    Set<String> served = javalinRoutes().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).collect(Collectors.toSet());
    assertThat(served).isEqualTo(registered);
    // And every served handler is the registrar's wrapper, so none runs without its access check.
    assertThat(javalinRoutes()).allSatisfy(e -> assertThat(e.endpoint.handler).isInstanceOf(GuardedHandler.class));
  }

  private static java.util.List<ParsedEndpoint> javalinRoutes() {
    return server.server().javalin().unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod()).toList();
  }
}
