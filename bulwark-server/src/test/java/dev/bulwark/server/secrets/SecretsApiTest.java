package dev.bulwark.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import dev.bulwark.server.testing.TestServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets API end to end over the real HTTPS server (SQLite, generated root key). */
class SecretsApiTest {
  TestServer server;
  String alice;
  String bob;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.accessToken("acct-alice", "sess-a", Scope.SECRETS_READ, Scope.SECRETS_WRITE);
    bob = server.accessToken("acct-bob", "sess-b", Scope.SECRETS_READ, Scope.SECRETS_WRITE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void putGetMetadataList_roundTrip() {
    Response put = server.put("/v1/secrets/app/db/password", "{\"value\":\"s3cr3t\",\"cas\":0}", alice);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("version").asInt()).isEqualTo(1);
    assertThat(server.put("/v1/secrets/app/db/password", "{\"value\":\"n3w\"}", alice).json().get("version").asInt())
        .isEqualTo(2);

    JsonNode latest = server.get("/v1/secrets/app/db/password", alice).json();
    assertThat(latest.get("value").asText()).isEqualTo("n3w");
    assertThat(server.get("/v1/secrets/app/db/password?version=1", alice).json().get("value").asText()).isEqualTo("s3cr3t");

    JsonNode meta = server.get("/v1/secret-metadata/app/db/password", alice).json();
    assertThat(meta.get("current_version").asInt()).isEqualTo(2);
    assertThat(meta.get("versions")).hasSize(2);
    assertThat(meta.toString()).doesNotContain("s3cr3t", "n3w");

    assertThat(server.get("/v1/secret-list?prefix=app/", alice).json().get("keys").get(0).asText()).isEqualTo("db/");
  }

  @Test
  void fieldMap_asVaultData_roundTripsInOrder_besideStringVersions() {
    Response put = server.put("/v1/secrets/app/db",
        "{\"data\":{\"username\":\"app\",\"password\":\"p\u00e4ss \\\"q\\\"\"},\"cas\":0}", alice);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("version").asInt()).isEqualTo(1);
    assertThat(server.put("/v1/secrets/app/db", "{\"value\":\"one string\"}", alice).json().get("version").asInt()).isEqualTo(2);

    JsonNode first = server.get("/v1/secrets/app/db?version=1", alice).json();
    assertThat(first.has("value")).isFalse();
    assertThat(first.get("data").toString()).isEqualTo("{\"username\":\"app\",\"password\":\"p\u00e4ss \\\"q\\\"\"}");
    JsonNode second = server.get("/v1/secrets/app/db", alice).json();
    assertThat(second.has("data")).isFalse();
    assertThat(second.get("value").asText()).isEqualTo("one string");
    assertThat(server.get("/v1/secrets/app/db?version=1", bob).status()).isEqualTo(404);
    assertThat(server.get("/v1/secret-metadata/app/db", alice).json().toString()).doesNotContain("username", "p\u00e4ss");
  }

  @Test
  void fieldMap_malformed_is400_andEchoesNothing() {
    for (String body : new String[] {
        "{\"value\":\"v\",\"data\":{\"k\":\"v\"}}", // both
        "{}", // neither
        "{\"cas\":0}", // neither, with cas
        "{\"data\":{\"k\":5}}", // a number member
        "{\"data\":{\"k\":{\"nested\":\"v\"}}}", // nested object
        "{\"data\":{\"k\":null}}", // null member
        "{\"data\":[\"k\"]}", // not an object
        "{\"data\":\"k=v\"}", // not an object
        "{\"data\":{\"\":\"v\"}}", // empty name
        "{\"data\":{\"" + "n".repeat(257) + "\":\"v\"}}"}) { // name too long
      Response r = server.put("/v1/secrets/bad", body, alice);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.body()).as(body).doesNotContain("nested", "k=v", "nnnn");
    }
    StringBuilder many = new StringBuilder("{\"data\":{");
    for (int i = 0; i <= 256; i++) {
      many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
    }
    assertThat(server.put("/v1/secrets/bad", many.append("}}").toString(), alice).status()).isEqualTo(400);
    assertThat(server.get("/v1/secrets/bad", alice).status()).isEqualTo(404);
  }

  @Test
  void otherAccount_seesNotFound_neverTheValue() {
    server.put("/v1/secrets/shared", "{\"value\":\"alice-only\"}", alice);
    Response r = server.get("/v1/secrets/shared", bob);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("alice-only", "acct-alice");
    assertThat(server.post("/v1/secret-destroy/shared", "{\"versions\":[1]}", bob).status()).isEqualTo(404);
    assertThat(server.get("/v1/secret-list", bob).json().get("keys")).isEmpty();
    assertThat(server.get("/v1/secrets/shared", alice).json().get("value").asText()).isEqualTo("alice-only");
  }

  @Test
  void scopes_enforced() {
    String readOnly = server.accessToken("acct-alice", "sess-r", Scope.SECRETS_READ);
    String writeOnly = server.accessToken("acct-alice", "sess-w", Scope.SECRETS_WRITE);
    assertThat(server.put("/v1/secrets/x", "{\"value\":\"v\"}", readOnly).status()).isEqualTo(403);
    assertThat(server.put("/v1/secrets/x", "{\"value\":\"v\"}", writeOnly).status()).isEqualTo(200);
    assertThat(server.get("/v1/secrets/x", writeOnly).status()).isEqualTo(403);
    assertThat(server.get("/v1/secrets/x", readOnly).status()).isEqualTo(200);
    assertThat(server.get("/v1/secrets/x", null).status()).isEqualTo(401);
    assertThat(server.post("/v1/secret-destroy/x", "{\"versions\":[1]}", readOnly).status()).isEqualTo(403);
    assertThat(server.post("/v1/admin/data-key-rotations", null, alice).status()).isEqualTo(403);
  }

  @Test
  void apiKeyWithReadScope_readsItsOwnersSecret() {
    server.put("/v1/secrets/k", "{\"value\":\"via-key\"}", alice);
    String key = server.apiKey("acct-alice", Scope.SECRETS_READ);
    assertThat(server.get("/v1/secrets/k", key).json().get("value").asText()).isEqualTo("via-key");
  }

  @Test
  void casMismatch_is409_withGenericBody() {
    server.put("/v1/secrets/c", "{\"value\":\"1\"}", alice);
    Response r = server.put("/v1/secrets/c", "{\"value\":\"2\",\"cas\":0}", alice);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("error").asText()).isEqualTo("conflict");
    assertThat(r.json().has("error_id")).isTrue();
  }

  @Test
  void malformedRequests_are400_andEchoNothing() {
    assertThat(server.put("/v1/secrets/a%20b", "{\"value\":\"v\"}", alice).status()).isEqualTo(400);
    assertThat(server.put("/v1/secrets/" + "a".repeat(300), "{\"value\":\"v\"}", alice).status()).isEqualTo(400);
    Response unknownField = server.put("/v1/secrets/a", "{\"value\":\"v\",\"owner\":\"acct-bob\"}", alice);
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body()).doesNotContain("acct-bob");
    assertThat(server.put("/v1/secrets/a", "{\"value\":5}", alice).status()).isEqualTo(400);
    assertThat(server.put("/v1/secrets/a", "{\"value\":\"v\",\"cas\":-1}", alice).status()).isEqualTo(400);
    assertThat(server.put("/v1/secrets/a", "[1]", alice).status()).isEqualTo(400);
    assertThat(server.get("/v1/secrets/a?version=x", alice).status()).isEqualTo(400);
    assertThat(server.get("/v1/secret-list?prefix=../", alice).status()).isEqualTo(400);
  }

  @Test
  void oversizedValue_is413() {
    String big = "x".repeat(SecretStore.MAX_VALUE_BYTES + 1);
    assertThat(server.put("/v1/secrets/big", "{\"value\":\"" + big + "\"}", alice).status()).isEqualTo(413);
  }

  @Test
  void deleteUndeleteDestroy_overHttp() {
    server.put("/v1/secrets/d", "{\"value\":\"v1\"}", alice);
    assertThat(server.delete("/v1/secrets/d", alice).json().get("deleted").get(0).asInt()).isEqualTo(1);
    assertThat(server.get("/v1/secrets/d", alice).status()).isEqualTo(404);
    assertThat(server.post("/v1/secret-undelete/d", "{\"versions\":[1]}", alice).status()).isEqualTo(200);
    assertThat(server.get("/v1/secrets/d", alice).status()).isEqualTo(200);
    assertThat(server.post("/v1/secret-destroy/d", "{\"versions\":[1]}", alice).json().get("destroyed")).hasSize(1);
    assertThat(server.get("/v1/secrets/d", alice).status()).isEqualTo(404);
    assertThat(server.post("/v1/secret-destroy/d", "{\"versions\":[]}", alice).status()).isEqualTo(400);
  }

  @Test
  void adminRotation_rewrapsAndReportsProgress() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.put("/v1/secrets/r" + i, "{\"value\":\"v" + i + "\"}", alice);
    }
    String admin = server.accessToken("acct-admin", "sess-x", Scope.ADMIN);
    Response started = server.post("/v1/admin/data-key-rotations", null, admin);
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.json().get("total").asLong()).isEqualTo(5);
    String id = started.json().get("id").asText();
    JsonNode job = awaitFinished(id, admin);
    assertThat(job.get("done").asLong()).isEqualTo(5);
    assertThat(job.get("failed").asLong()).isZero();
    assertThat(server.get("/v1/secrets/r3", alice).json().get("value").asText()).isEqualTo("v3");
    assertThat(server.get("/v1/admin/data-key-rotations/nope", admin).status()).isEqualTo(404);
  }

  JsonNode awaitFinished(String id, String admin) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = server.get("/v1/admin/data-key-rotations/" + id, admin).json();
      if (job.get("state").asText().equals("finished")) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("rotation did not finish");
  }

  @Test
  void postgresBackedServer_sharesSecretsAcrossTwoInstances() {
    dev.bulwark.testkit.Requirements.postgres();
    String schema = "t_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String rootKey = java.util.Base64.getEncoder().encodeToString(
        dev.bulwark.crypto.tokens.SecureTokens.system().bytes(32));
    TestServer.Builder instance = TestServer.builder()
        .setting("database.url", "jdbc:postgresql://127.0.0.1:5432/test")
        .setting("database.schema", schema)
        .environment("BULWARK_ROOT_KEY", rootKey);
    try (TestServer a = instance.start(); TestServer b = instance.start()) {
      String tokenA = a.accessToken("acct-alice", "s1", Scope.SECRETS_WRITE);
      assertThat(a.put("/v1/secrets/shared/pg", "{\"value\":\"on postgres\"}", tokenA).status()).isEqualTo(200);
      String tokenB = b.accessToken("acct-alice", "s2", Scope.SECRETS_READ);
      assertThat(b.get("/v1/secrets/shared/pg", tokenB).json().get("value").asText()).isEqualTo("on postgres");
    } finally {
      try (dev.bulwark.server.storage.Database db =
          dev.bulwark.server.storage.Database.postgresql("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", schema)) {
        TestDatabases.dropSchema(db);
      }
    }
  }

  @Test
  void restart_keepsSecretsReadable(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    try (TestServer first = TestServer.builder().dataDir(data).start()) {
      String token = first.accessToken("acct-alice", "s1", Scope.SECRETS_WRITE);
      assertThat(first.put("/v1/secrets/kept", "{\"value\":\"across restarts\"}", token).status()).isEqualTo(200);
    }
    try (TestServer second = TestServer.builder().dataDir(data).start()) {
      String token = second.accessToken("acct-alice", "s2", Scope.SECRETS_READ);
      assertThat(second.get("/v1/secrets/kept", token).json().get("value").asText()).isEqualTo("across restarts");
    }
  }
}
