package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Insecure direct object reference (OWASP API1:2023 Broken Object Level Authorization): owner B,
 * holding every scope, names owner A's secrets, files, transit keys and API keys by their ids and
 * paths, and must never read, list, change or delete them. Every refusal is the 404 an unknown id
 * gets (same status, same error code), never a 403 that would confirm the object exists.
 */
class IdorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;
  static String alice;
  static String bob;

  @BeforeAll
  static void start() {
    // Registration and login are credential routes: lift their budget for the two sign-ups here.
    server = TestServer.builder().setting("ratelimit.credential_per_minute", "1000").start();
    Scope[] all = EnumSet.complementOf(EnumSet.of(Scope.ADMIN)).toArray(Scope[]::new);
    alice = server.apiKey("acct-alice", all);
    bob = server.apiKey("acct-bob", all);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** B's request on A's object answers exactly as B's request on an object nobody has. */
  static void sameAsUnknown(TestServer.Response onAlices, TestServer.Response onNothing) {
    assertThat(onAlices.status()).as(onAlices.body()).isEqualTo(404);
    assertThat(onNothing.status()).isEqualTo(404);
    assertThat(onAlices.json().get("error").asText()).isEqualTo(onNothing.json().get("error").asText());
    assertThat(onAlices.json().get("message").asText()).isEqualTo(onNothing.json().get("message").asText());
  }

  @Test
  void secrets_ofAnotherOwner_cannotBeReadListedChangedOrDeleted() {
    assertThat(server.put("/v1/secrets/idor/db", "{\"value\":\"alice-secret\"}", alice).status()).isBetween(200, 201);

    sameAsUnknown(server.get("/v1/secrets/idor/db", bob), server.get("/v1/secrets/idor/none", bob));
    sameAsUnknown(server.get("/v1/secrets/idor/db?version=1", bob), server.get("/v1/secrets/idor/none?version=1", bob));
    sameAsUnknown(server.get("/v1/secret-metadata/idor/db", bob), server.get("/v1/secret-metadata/idor/none", bob));
    TestServer.Response list = server.get("/v1/secret-list?prefix=idor/", bob);
    assertThat(list.body()).doesNotContain("db");
    sameAsUnknown(server.delete("/v1/secrets/idor/db", bob), server.delete("/v1/secrets/idor/none", bob));
    sameAsUnknown(server.post("/v1/secret-destroy/idor/db", "{\"versions\":[1]}", bob),
        server.post("/v1/secret-destroy/idor/none", "{\"versions\":[1]}", bob));
    sameAsUnknown(server.post("/v1/secret-delete/idor/db", "{\"versions\":[1]}", bob),
        server.post("/v1/secret-delete/idor/none", "{\"versions\":[1]}", bob));

    // B writing the same path writes B's own secret, not A's.
    assertThat(server.put("/v1/secrets/idor/db", "{\"value\":\"bob-value\"}", bob).status()).isBetween(200, 201);
    assertThat(server.get("/v1/secrets/idor/db", alice).json().get("value").asText()).isEqualTo("alice-secret");
    assertThat(server.get("/v1/secrets/idor/db", bob).json().get("value").asText()).isEqualTo("bob-value");
    assertThat(server.get("/v1/secrets/idor/db", alice).json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void files_ofAnotherOwner_cannotBeReadListedOrDeleted() throws Exception {
    HttpRequest upload = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/files?name=alice.txt"))
        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofString("alice's notes\n")).build();
    HttpResponse<String> created = server.client().send(upload, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("id").asText();

    sameAsUnknown(server.get("/v1/files/" + id, bob), server.get("/v1/files/file_unknown0000", bob));
    sameAsUnknown(server.delete("/v1/files/" + id, bob), server.delete("/v1/files/file_unknown0000", bob));
    assertThat(server.get("/v1/files", bob).body()).doesNotContain(id);
    assertThat(server.get("/v1/files/" + id, alice).body()).isEqualTo("alice's notes\n");
  }

  @Test
  void transitKeys_ofAnotherOwner_cannotBeUsedReadRotatedOrReconfigured() {
    assertThat(server.post("/v1/transit/keys/payments", "{\"type\":\"aes256-gcm\"}", alice).status()).isBetween(200, 201);
    String plaintext = Base64.getEncoder().encodeToString("card 4111".getBytes(StandardCharsets.UTF_8));
    JsonNode encrypted = server.post("/v1/transit/encrypt/payments", "{\"plaintext\":\"" + plaintext + "\"}", alice).json();
    String ciphertext = encrypted.get("ciphertext").asText();

    sameAsUnknown(server.get("/v1/transit/keys/payments", bob), server.get("/v1/transit/keys/nokey", bob));
    sameAsUnknown(server.post("/v1/transit/encrypt/payments", "{\"plaintext\":\"" + plaintext + "\"}", bob),
        server.post("/v1/transit/encrypt/nokey", "{\"plaintext\":\"" + plaintext + "\"}", bob));
    sameAsUnknown(server.post("/v1/transit/decrypt/payments", "{\"ciphertext\":\"" + ciphertext + "\"}", bob),
        server.post("/v1/transit/decrypt/nokey", "{\"ciphertext\":\"" + ciphertext + "\"}", bob));
    sameAsUnknown(server.post("/v1/transit/rewrap/payments", "{\"ciphertext\":\"" + ciphertext + "\"}", bob),
        server.post("/v1/transit/rewrap/nokey", "{\"ciphertext\":\"" + ciphertext + "\"}", bob));
    sameAsUnknown(server.post("/v1/transit/keys/payments/rotate", null, bob), server.post("/v1/transit/keys/nokey/rotate", null, bob));
    sameAsUnknown(server.post("/v1/transit/keys/payments/config", "{\"min_decryption_version\":1}", bob),
        server.post("/v1/transit/keys/nokey/config", "{\"min_decryption_version\":1}", bob));

    // B's own key of the same name cannot open A's ciphertext.
    assertThat(server.post("/v1/transit/keys/payments", "{\"type\":\"aes256-gcm\"}", bob).status()).isBetween(200, 201);
    TestServer.Response bobsTry = server.post("/v1/transit/decrypt/payments", "{\"ciphertext\":\"" + ciphertext + "\"}", bob);
    assertThat(bobsTry.status()).isBetween(400, 499);
    assertThat(bobsTry.body()).doesNotContain(plaintext);
    assertThat(server.post("/v1/transit/decrypt/payments", "{\"ciphertext\":\"" + ciphertext + "\"}", alice)
        .json().get("plaintext").asText()).isEqualTo(plaintext);
    assertThat(server.get("/v1/transit/keys/payments", alice).json().toString()).doesNotContain("\"version\":2");
  }

  @Test
  void apiKeys_ofAnotherOwner_cannotBeListedOrRevoked() {
    TestServer.Response created = server.post("/v1/api-keys", "{\"scopes\":[\"files:read\"]}", alice);
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String key = created.json().get("key").asText();

    assertThat(server.get("/v1/api-keys", bob).body()).doesNotContain(id);
    sameAsUnknown(server.delete("/v1/api-keys/" + id, bob), server.delete("/v1/api-keys/ak_unknown000000", bob));
    assertThat(server.get("/v1/files", key).status()).isEqualTo(200);
  }

  @Test
  void registeredUsersWithRealSessions_cannotReachEachOthersObjects() {
    String carol = session("carol");
    String dave = session("dave");
    assertThat(server.put("/v1/secrets/shared/name", "{\"value\":\"carol-only\"}", carol).status()).isBetween(200, 201);
    assertThat(server.post("/v1/transit/keys/carols", "{\"type\":\"chacha20-poly1305\"}", carol).status()).isBetween(200, 201);
    TestServer.Response key = server.post("/v1/api-keys", "{\"scopes\":[\"secrets:read\"]}", carol);
    assertThat(key.status()).isEqualTo(201);

    sameAsUnknown(server.get("/v1/secrets/shared/name", dave), server.get("/v1/secrets/shared/none", dave));
    sameAsUnknown(server.get("/v1/transit/keys/carols", dave), server.get("/v1/transit/keys/nokey", dave));
    sameAsUnknown(server.delete("/v1/api-keys/" + key.json().get("id").asText(), dave),
        server.delete("/v1/api-keys/ak_unknown000000", dave));
    assertThat(server.get("/v1/api-keys", dave).body()).doesNotContain(key.json().get("id").asText());
    assertThat(server.get("/v1/secrets/shared/name", key.json().get("key").asText()).json().get("value").asText())
        .isEqualTo("carol-only");
  }

  /** Registers, verifies (token from DATA/outbox) and logs in a user; returns the access token. */
  private static String session(String prefix) {
    String name = prefix + "_" + dev.bulwark.crypto.tokens.SecureTokens.system().hex(4);
    String email = name + "@example.com";
    String password = dev.bulwark.server.accounts.AccountsFixture.password();
    ObjectNode registration = JSON.createObjectNode().put("username", name).put("email", email).put("password", password);
    assertThat(server.post("/v1/accounts", registration.toString(), null).status()).isEqualTo(202);
    String token = new dev.bulwark.server.accounts.Outbox(server.dataDir().resolve("outbox"))
        .latest(email, "Verify").orElseThrow().token();
    assertThat(server.post("/v1/accounts/verify", JSON.createObjectNode().put("token", token).toString(), null).status())
        .isEqualTo(200);
    TestServer.Response login = server.post("/v1/sessions",
        JSON.createObjectNode().put("login", name).put("password", password).toString(), null);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().get("access_token").asText();
  }

  @Test
  void aKeyActsOnlyForItsOwner_evenWhenItsOwnerNamesAnotherOwnersObject() {
    String bobsKey = server.apiKey("acct-bob", Scope.SECRETS_READ, Scope.FILES_READ);
    assertThat(server.put("/v1/secrets/idor/by-key", "{\"value\":\"alice-only\"}", alice).status()).isBetween(200, 201);
    sameAsUnknown(server.get("/v1/secrets/idor/by-key", bobsKey), server.get("/v1/secrets/idor/none", bobsKey));
    assertThat(Arrays.asList(server.get("/v1/secret-list?prefix=idor/", bobsKey).body().split("\""))).doesNotContain("by-key");
  }
}
