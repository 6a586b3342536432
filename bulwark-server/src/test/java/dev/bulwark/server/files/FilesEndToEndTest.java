package dev.bulwark.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/files} over the real HTTPS server. */
class FilesEndToEndTest {
  static TestServer server;
  static String alice;
  static String bob;
  static String aliceReadOnly;

  @BeforeAll
  static void start() {
    server = TestServer.builder().setting("limits.max_upload_bytes", "65536").start();
    alice = server.apiKey("acct-alice", Scope.FILES_READ, Scope.FILES_WRITE);
    bob = server.apiKey("acct-bob", Scope.FILES_READ, Scope.FILES_WRITE);
    aliceReadOnly = server.apiKey("acct-alice", Scope.FILES_READ);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> upload(String bearer, String name, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/files?name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> download(String bearer, String id) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/files/" + id))
        .header("Authorization", "Bearer " + bearer).GET().build();
    return server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void uploadListDownloadDelete_roundTripsWithSafeHeaders() throws Exception {
    byte[] png = FileServiceContract.png();
    HttpResponse<byte[]> created = upload(alice, "résumé photo.png", png);
    assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body());
    String id = json.get("id").asText();
    assertThat(json.get("media_type").asText()).isEqualTo("image/png");
    assertThat(json.has("owner")).isFalse();
    assertThat(json.has("stored_name")).isFalse();

    assertThat(server.get("/v1/files", alice).json().get("files").toString()).contains(id);

    HttpResponse<byte[]> got = download(alice, id);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(png);
    assertThat(got.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/png"));
    assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(got.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"r_sum_ photo.png\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20photo.png");

    assertThat(server.delete("/v1/files/" + id, alice).status()).isEqualTo(204);
    assertThat(download(alice, id).statusCode()).isEqualTo(404);
  }

  @Test
  void idor_otherOwnersIdIsNotFound_neverForbidden() throws Exception {
    String id = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(upload(alice, "a.png", FileServiceContract.png()).body()).get("id").asText();
    assertThat(download(bob, id).statusCode()).isEqualTo(404);
    assertThat(server.delete("/v1/files/" + id, bob).status()).isEqualTo(404);
    assertThat(server.get("/v1/files", bob).json().get("files").toString()).doesNotContain(id);
    assertThat(download(alice, id).statusCode()).isEqualTo(200);
    // An unknown id and another owner's id give the same body shape and status.
    assertThat(download(bob, "file_doesnotexist").statusCode()).isEqualTo(404);
  }

  @Test
  void storedXss_htmlNamedPng_isRefusedWith415() throws Exception {
    HttpResponse<byte[]> r = upload(alice, "x.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(text(r)).contains("\"error\"").doesNotContain("TYPE_NOT_ALLOWED").doesNotContain("text/html");
  }

  @Test
  void oversizedUpload_isRefusedWith413() throws Exception {
    assertThat(upload(alice, "big.txt", new byte[70_000]).statusCode()).isEqualTo(413);
  }

  @Test
  void emptyUploadOrMissingName_isABadRequest() throws Exception {
    assertThat(upload(alice, "empty.txt", new byte[0]).statusCode()).isEqualTo(400);
    HttpRequest noName = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/files"))
        .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString("hello")).build();
    assertThat(server.client().send(noName, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
  }

  @Test
  void readOnlyToken_cannotUploadOrDelete_andNoTokenIs401() throws Exception {
    assertThat(upload(aliceReadOnly, "a.txt", "hello\n".getBytes(StandardCharsets.US_ASCII)).statusCode()).isEqualTo(403);
    assertThat(server.delete("/v1/files/file_x", aliceReadOnly).status()).isEqualTo(403);
    assertThat(server.get("/v1/files", null).status()).isEqualTo(401);
  }
}
