package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end over real HTTPS: headers, routing errors, generic error bodies, body rules. */
class ServerPipelineTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().module(new TestRoutes()).setting("limits.max_body_bytes", "2048").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertSecurityHeaders(TestServer.Response r) {
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
    assertThat(r.header("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.header("Referrer-Policy")).contains("no-referrer");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Server")).isEmpty();
    assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
  }

  static void assertGenericError(TestServer.Response r, int status, String code) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.json().get("error").asText()).isEqualTo(code);
    assertThat(r.json().get("message").asText()).isNotBlank();
    assertThat(r.json().get("error_id").asText()).matches("[0-9a-f]{16}");
    assertThat(r.json().size()).isEqualTo(3);
    assertSecurityHeaders(r);
  }

  @Test
  void ok_carriesSecurityHeaders() {
    TestServer.Response r = server.get("/v1/test/public", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("ok").asBoolean()).isTrue();
    assertSecurityHeaders(r);
  }

  @Test
  void responses_areNeverCompressed_evenWhenTheClientAsks() {
    // BREACH: a compressed body that holds a secret next to attacker-influenced text leaks the secret
    // through its length. The OpenAPI document is far above Javalin's 1,500-byte compression floor.
    TestServer.Response r = server.send("GET", "/openapi.json", null, null,
        Map.of("Accept-Encoding", "gzip, deflate, br, zstd"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().length()).isGreaterThan(1_500);
    assertThat(r.header("Content-Encoding")).isEmpty();
    assertThat(r.json().get("openapi").asText()).startsWith("3.1");
  }

  @Test
  void unknownPath_isGeneric404WithHeaders() {
    assertGenericError(server.get("/v1/nothing/here", null), 404, "not_found");
  }

  @Test
  void wrongMethod_isGeneric405WithHeaders() {
    assertGenericError(server.delete("/v1/test/public", null), 405, "method_not_allowed");
  }

  @Test
  void storageFailure_isGeneric500WithoutSqlOrPath() {
    TestServer.Response r = server.get("/v1/test/storage-failure", null);
    assertGenericError(r, 500, "internal");
    assertNoLeak(r);
  }

  @Test
  void runtimeFailure_isGeneric500WithoutMessageOrClass() {
    TestServer.Response r = server.get("/v1/test/runtime-failure", null);
    assertGenericError(r, 500, "internal");
    assertNoLeak(r);
  }

  private static void assertNoLeak(TestServer.Response r) {
    String everything = r.body() + r.headers().map();
    assertThat(everything).doesNotContain("SELECT", "password", "/var/lib", "bulwark.db", "Exception", "dev.bulwark",
        "java.", "at ");
  }

  @Test
  void methodOverrideHeaders_areRejectedWith400() {
    for (String header : HttpPipeline.METHOD_OVERRIDE_HEADERS) {
      TestServer.Response r = server.send("POST", "/v1/test/echo", "{}", null, Map.of(header, "DELETE"));
      assertGenericError(r, 400, "bad_request");
    }
  }

  @Test
  void methodOverride_cannotTurnGetIntoDelete() {
    TestServer.Response r = server.send("GET", "/v1/test/public", null, null, Map.of("X-HTTP-Method-Override", "DELETE"));
    assertGenericError(r, 400, "bad_request");
  }

  @Test
  void jsonRoute_echoesJson() {
    TestServer.Response r = server.post("/v1/test/echo", "{\"a\":[1,2]}", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("a").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void jsonRoute_refusesOtherMediaTypesWith415() {
    TestServer.Response r = server.send("POST", "/v1/test/echo", "a=1", null, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertGenericError(r, 415, "unsupported_media_type");
    TestServer.Response plain = server.send("POST", "/v1/test/echo", "{}", null, Map.of("Content-Type", "text/plain"));
    assertGenericError(plain, 415, "unsupported_media_type");
  }

  @Test
  void oversizedBody_isRefusedWith413() {
    String big = "{\"a\":\"" + "x".repeat(4096) + "\"}";
    assertGenericError(server.post("/v1/test/echo", big, null), 413, "payload_too_large");
  }

  @Test
  void oversizedChunkedBody_withoutContentLength_isRefusedWith413() throws Exception {
    byte[] big = ("{\"a\":\"" + "x".repeat(8192) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/v1/test/echo"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
    java.net.http.HttpResponse<String> r = server.client().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("\"error\":\"payload_too_large\"");
  }

  @Test
  void malformedJson_isGeneric400() {
    TestServer.Response r = server.post("/v1/test/echo", "{\"a\":", null);
    assertGenericError(r, 400, "bad_request");
    assertNoLeak(r);
  }

  @Test
  void rawRoute_acceptsOtherMediaTypes() {
    TestServer.Response r = server.send("PUT", "/v1/test/raw", "hello", null, Map.of("Content-Type", "application/octet-stream"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("bytes").asInt()).isEqualTo(5);
  }

  @Test
  void pathParameters_reachTheHandler() {
    assertThat(server.get("/v1/test/items/abc", null).json().get("id").asText()).isEqualTo("abc");
  }

  @Test
  void forwardedFor_isIgnoredWithoutTrustedProxies() {
    TestServer.Response r = server.send("GET", "/v1/test/address", null, null, Map.of("X-Forwarded-For", "203.0.113.9"));
    assertThat(r.json().get("address").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void cors_isAbsentByDefault() {
    TestServer.Response r = server.send("GET", "/v1/test/public", null, null, Map.of("Origin", "https://evil.example"));
    assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
    assertThat(r.header("Access-Control-Allow-Credentials")).isEmpty();
  }
}
