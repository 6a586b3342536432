package dev.bulwark.server.transit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemPublicKey;
import dev.bulwark.crypto.pke.XWingHybridEncryption;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import dev.bulwark.server.testing.TestServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transit API end to end over the real HTTPS server. */
class TransitApiTest {
  static final String PT = b64("card 4111");
  static final String CTX = b64("order-42");

  TestServer server;
  String alice;
  String aliceDecrypt;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.accessToken("acct-alice", "sess-a", Scope.TRANSIT_ENCRYPT);
    aliceDecrypt = server.accessToken("acct-alice", "sess-d", Scope.TRANSIT_DECRYPT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  String encrypt(String key, String token) {
    Response r = server.post("/v1/transit/encrypt/" + key, "{\"plaintext\":\"" + PT + "\",\"context\":\"" + CTX + "\"}", token);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("ciphertext").asText();
  }

  Response decrypt(String key, String ciphertext, String context, String token) {
    return server.post("/v1/transit/decrypt/" + key,
        "{\"ciphertext\":\"" + ciphertext + "\",\"context\":\"" + context + "\"}", token);
  }

  @Test
  void createEncryptDecrypt_withSeparateScopes() {
    assertThat(server.post("/v1/transit/keys/pay", "{\"type\":\"chacha20-poly1305\"}", alice).status()).isEqualTo(200);
    String ct = encrypt("pay", alice);
    assertThat(ct).startsWith("bulwark:v1:");
    assertThat(decrypt("pay", ct, CTX, alice).status()).isEqualTo(403);
    Response r = decrypt("pay", ct, CTX, aliceDecrypt);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("plaintext").asText()).isEqualTo(PT);
    assertThat(server.post("/v1/transit/encrypt/pay", "{\"plaintext\":\"" + PT + "\"}", aliceDecrypt).status())
        .isEqualTo(403);
  }

  @Test
  void rotateRewrapAndRetire_overHttp() {
    server.post("/v1/transit/keys/r", "{\"type\":\"aes256-gcm\"}", alice);
    String v1 = encrypt("r", alice);
    assertThat(server.post("/v1/transit/keys/r/rotate", null, alice).json().get("latest_version").asInt()).isEqualTo(2);
    Response rewrap = server.post("/v1/transit/rewrap/r", "{\"ciphertext\":\"" + v1 + "\",\"context\":\"" + CTX + "\"}", alice);
    assertThat(rewrap.status()).isEqualTo(200);
    assertThat(rewrap.json().has("plaintext")).isFalse();
    String v2 = rewrap.json().get("ciphertext").asText();
    assertThat(v2).startsWith("bulwark:v2:");
    assertThat(server.post("/v1/transit/keys/r/config", "{\"min_decryption_version\":2}", alice).status()).isEqualTo(200);
    Response refused = decrypt("r", v1, CTX, aliceDecrypt);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).isEqualTo("The ciphertext could not be decrypted.");
    assertThat(decrypt("r", v2, CTX, aliceDecrypt).json().get("plaintext").asText()).isEqualTo(PT);
  }

  @Test
  void wrongContextTamperedOrMalformed_are400() {
    server.post("/v1/transit/keys/k", "{\"type\":\"aes256-gcm\"}", alice);
    String ct = encrypt("k", alice);
    assertThat(decrypt("k", ct, b64("order-43"), aliceDecrypt).status()).isEqualTo(400);
    int middle = "bulwark:v1:".length() + 20;
    String tampered = ct.substring(0, middle) + (ct.charAt(middle) == 'A' ? 'B' : 'A') + ct.substring(middle + 1);
    assertThat(decrypt("k", tampered, CTX, aliceDecrypt).status()).isEqualTo(400);
    assertThat(decrypt("k", "vault:v1:" + ct.substring(11), CTX, aliceDecrypt).status()).isEqualTo(400);
    assertThat(decrypt("k", ct, "not base64!", aliceDecrypt).status()).isEqualTo(400);
    assertThat(server.post("/v1/transit/keys/bad", "{\"type\":\"des\"}", alice).status()).isEqualTo(400);
  }

  @Test
  void otherAccountsKey_isNotFound() {
    server.post("/v1/transit/keys/mine", "{\"type\":\"aes256-gcm\"}", alice);
    String ct = encrypt("mine", alice);
    String bob = server.accessToken("acct-bob", "sess-b", Scope.TRANSIT_ENCRYPT, Scope.TRANSIT_DECRYPT);
    assertThat(server.get("/v1/transit/keys/mine", bob).status()).isEqualTo(404);
    assertThat(decrypt("mine", ct, CTX, bob).status()).isEqualTo(404);
    assertThat(server.post("/v1/transit/keys/mine/rotate", null, bob).status()).isEqualTo(404);
  }

  @Test
  void xWingKey_publicKeyEncryptsOffline_serverDecrypts() throws Exception {
    JsonNode key = server.post("/v1/transit/keys/pq", "{\"type\":\"x-wing\"}", alice).json();
    byte[] raw = Base64.getDecoder().decode(key.get("versions").get(0).get("public_key").asText());
    byte[] offline = XWingHybridEncryption.encrypter(KemPublicKey.fromRaw(KemAlgorithm.X_WING, raw))
        .encrypt("card 4111".getBytes(StandardCharsets.UTF_8), "order-42".getBytes(StandardCharsets.UTF_8));
    String text = "bulwark:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(offline);
    assertThat(decrypt("pq", text, CTX, aliceDecrypt).json().get("plaintext").asText()).isEqualTo(PT);
    assertThat(decrypt("pq", encrypt("pq", alice), CTX, aliceDecrypt).json().get("plaintext").asText()).isEqualTo(PT);
  }
}
