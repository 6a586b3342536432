package dev.bulwark.server.http;

import static dev.bulwark.server.http.ServerPipelineTest.assertGenericError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.server.keys.JwtKeys;
import dev.bulwark.server.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authentication step and scope checks, end to end: 401 and 403 paths with real tokens and keys. */
class AccessControlTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder()
        .module(new TestRoutes())
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertUnauthenticated(TestServer.Response r) {
    assertGenericError(r, 401, "unauthenticated");
    assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void missingAuthorization_is401WithChallenge() {
    assertUnauthenticated(server.get("/v1/test/me", null));
    assertUnauthenticated(server.get("/v1/test/secret", null));
  }

  @Test
  void accessToken_authenticatesAsItsSubject() {
    TestServer.Response r = server.get("/v1/test/me", server.accessToken("acct-1", "sess-1"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("account").asText()).isEqualTo("acct-1");
    assertThat(r.json().get("kind").asText()).isEqualTo("SESSION");
    assertThat(r.json().get("credential").asText()).isEqualTo("sess-1");
  }

  @Test
  void scopedRoute_withoutTheScope_is403() {
    assertGenericError(server.get("/v1/test/secret", server.accessToken("acct-1", "sess-1", Scope.FILES_READ)), 403, "forbidden");
  }

  @Test
  void scopedRoute_withTheScope_is200() {
    TestServer.Response r = server.get("/v1/test/secret", server.accessToken("acct-2", "sess-2", Scope.SECRETS_READ));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("account").asText()).isEqualTo("acct-2");
  }

  @Test
  void revokedSession_is401EvenWithAValidSignature() {
    String token = server.accessToken("acct-3", "sess-revoked", Scope.SECRETS_READ);
    assertThat(server.get("/v1/test/secret", token).status()).isEqualTo(200);
    assertThat(server.delete("/v1/sessions/current", token).status()).isEqualTo(204);
    assertUnauthenticated(server.get("/v1/test/secret", token));
  }

  @Test
  void tamperedToken_is401() {
    String token = server.accessToken("acct-1", "sess-1", Scope.SECRETS_READ);
    String[] parts = token.split("\\.");
    String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"iss\":\"bulwark\",\"aud\":\"bulwark-api\",\"sub\":\"admin\",\"sid\":\"s\",\"scope\":\"admin\",\"exp\":9999999999}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertUnauthenticated(server.get("/v1/test/secret", parts[0] + "." + forgedPayload + "." + parts[2]));
    assertUnauthenticated(server.get("/v1/test/secret", token.substring(0, token.length() - 2)));
  }

  @Test
  void algNoneToken_is401() {
    String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"iss\":\"bulwark\",\"aud\":\"bulwark-api\",\"sub\":\"a\",\"sid\":\"s\",\"exp\":9999999999}".getBytes());
    assertUnauthenticated(server.get("/v1/test/me", header + "." + payload + "."));
  }

  @Test
  void tokenSignedByAnotherKey_is401() throws Exception {
    JwtSigner stranger = JwtSigner.create(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-stranger"));
    assertUnauthenticated(server.get("/v1/test/me", stranger.sign(claims("bulwark-api", Instant.now().plusSeconds(60)))));
  }

  @Test
  void tokenForAnotherAudience_is401() throws Exception {
    assertUnauthenticated(server.get("/v1/test/me", server.services().jwtSigner().sign(claims("other-api", Instant.now().plusSeconds(60)))));
  }

  @Test
  void expiredToken_is401() throws Exception {
    JwtSigner past = server.server().jwtKeys().signer(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
    assertUnauthenticated(server.get("/v1/test/me", past.sign(claims(JwtKeys.AUDIENCE, Instant.now().minus(Duration.ofMinutes(55))))));
  }

  private static JwtClaims claims(String audience, Instant expires) {
    return JwtClaims.builder().issuer(JwtKeys.ISSUER).audience(audience).subject("acct-x").expiresAt(expires)
        .claim("sid", "sess-x").build();
  }

  @Test
  void apiKey_authenticatesWithItsScopes() {
    String key = server.apiKey("acct-key", Scope.SECRETS_READ);
    TestServer.Response me = server.get("/v1/test/me", key);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("kind").asText()).isEqualTo("API_KEY");
    assertThat(me.json().get("account").asText()).isEqualTo("acct-key");
    assertThat(server.get("/v1/test/secret", key).status()).isEqualTo(200);
  }

  @Test
  void apiKeyWithoutTheScope_is403() {
    assertGenericError(server.get("/v1/test/secret", server.apiKey("acct-key", Scope.FILES_READ)), 403, "forbidden");
  }

  @Test
  void revokedApiKey_is401() {
    String key = server.apiKey("acct-key", Scope.SECRETS_READ);
    String keyId = server.services().apiKeyStore().listByOwner("acct-key").getLast().keyId();
    assertThat(ApiKeys.create(server.services().apiKeyStore()).revoke(keyId)).isTrue();
    assertUnauthenticated(server.get("/v1/test/secret", key));
  }

  @Test
  void unknownOrMalformedApiKey_is401() {
    String key = server.apiKey("acct-key", Scope.SECRETS_READ);
    char last = key.charAt(key.length() - 1);
    assertUnauthenticated(server.get("/v1/test/me", key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a')));
    assertUnauthenticated(server.get("/v1/test/me", "bwk_notakey"));
  }

  @Test
  void nonBearerScheme_is401() {
    TestServer.Response r = server.send("GET", "/v1/test/me", null, null, java.util.Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
    assertUnauthenticated(r);
  }

  @Test
  void publicRoute_ignoresAGarbageToken() {
    assertThat(server.get("/v1/test/public", "garbage").status()).isEqualTo(200);
  }
}
