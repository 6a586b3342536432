package dev.bulwark.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/api-keys} over the real HTTPS server, and the keys used as bearer credentials. */
class ApiKeysEndToEndTest {
  static TestServer server;
  static String alice;
  static String bob;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.apiKey("acct-alice", Scope.APIKEYS_MANAGE, Scope.FILES_READ, Scope.FILES_WRITE);
    bob = server.apiKey("acct-bob", Scope.APIKEYS_MANAGE, Scope.FILES_READ);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode create(String bearer, String body) {
    TestServer.Response r = server.post("/v1/api-keys", body, bearer);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void createdKey_isShownOnce_authenticates_andCarriesOnlyItsScopes() {
    JsonNode created = create(alice, "{\"scopes\":[\"files:read\"],\"expires_in_days\":30}");
    String key = created.get("key").asText();
    assertThat(key).startsWith("bwk_");
    assertThat(created.get("expires_at").isNull()).isFalse();

    assertThat(server.get("/v1/files", key).status()).isEqualTo(200);
    assertThat(server.post("/v1/files", "{}", key).status()).isEqualTo(403);

    TestServer.Response list = server.get("/v1/api-keys", alice);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains(created.get("id").asText()).doesNotContain(key).doesNotContain("digest");
    assertThat(list.json().get("api_keys").get(0).get("prefix").asText()).isNotBlank();
  }

  @Test
  void privilegeEscalation_requestingAScopeTheCallerLacks_is403() {
    TestServer.Response r = server.post("/v1/api-keys", "{\"scopes\":[\"files:read\",\"admin\"]}", alice);
    assertThat(r.status()).isEqualTo(403);
    // A key cannot mint a key with more than itself either.
    String limited = create(alice, "{\"scopes\":[\"apikeys:manage\"]}").get("key").asText();
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"files:write\"]}", limited).status()).isEqualTo(403);
  }

  @Test
  void malformedRequests_are400() {
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"nope:nope\"]}", alice).status()).isEqualTo(400);
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[]}", alice).status()).isEqualTo(400);
    assertThat(server.post("/v1/api-keys", "{\"scopes\":\"files:read\"}", alice).status()).isEqualTo(400);
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"],\"expires_in_days\":0}", alice).status()).isEqualTo(400);
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"],\"expires_in_days\":1.5}", alice).status()).isEqualTo(400);
  }

  @Test
  void revokedKey_stopsAuthenticatingAtOnce() {
    JsonNode created = create(alice, "{\"scopes\":[\"files:read\"]}");
    String key = created.get("key").asText();
    assertThat(server.get("/v1/files", key).status()).isEqualTo(200);
    assertThat(server.delete("/v1/api-keys/" + created.get("id").asText(), alice).status()).isEqualTo(204);
    assertThat(server.get("/v1/files", key).status()).isEqualTo(401);
    assertThat(server.get("/v1/api-keys", alice).body()).doesNotContain(created.get("id").asText());
    assertThat(server.delete("/v1/api-keys/" + created.get("id").asText(), alice).status()).isEqualTo(404);
  }

  @Test
  void idor_otherOwnerCannotSeeOrRevoke_andGets404() {
    JsonNode created = create(alice, "{\"scopes\":[\"files:read\"]}");
    String id = created.get("id").asText();
    assertThat(server.get("/v1/api-keys", bob).body()).doesNotContain(id);
    assertThat(server.delete("/v1/api-keys/" + id, bob).status()).isEqualTo(404);
    assertThat(server.get("/v1/files", created.get("key").asText()).status()).isEqualTo(200);
  }

  @Test
  void withoutTheManageScope_is403() {
    String filesOnly = server.apiKey("acct-carol", Scope.FILES_READ);
    assertThat(server.get("/v1/api-keys", filesOnly).status()).isEqualTo(403);
    assertThat(server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"]}", filesOnly).status()).isEqualTo(403);
  }
}
