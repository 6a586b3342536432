package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.JdbcApiKeyStore;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash durability at the process level: the server runs as its own JVM ({@code ServerMain}), four
 * clients stream writes at it (file uploads, secret writes and API-key creations), the process is
 * SIGKILLed in the middle ({@link Process#destroyForcibly()} is SIGKILL on Linux), and a new process
 * on the same data directory must hold every write that was acknowledged (2xx) before the kill: the
 * row, the bytes (same SHA-256), the secret value, the key (it still authenticates) and the upload's
 * audit event; the audit log must verify.
 */
class DurabilityKillTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+)\\R"); // whole line: the log is read while written
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITERS = 4;
  private static final int ACKS_BEFORE_KILL = 60;
  private static final Map<Integer, String> REFUSALS = new ConcurrentHashMap<>();

  @TempDir Path temp;

  @Test
  void sigkillMidStream_losesNoAcknowledgedWrite() throws Exception {
    Path data = temp.resolve("data");
    String key = seedApiKey(data);

    Map<String, String> ackedFiles = new ConcurrentHashMap<>(); // id -> sha256
    Map<String, String> ackedKeys = new ConcurrentHashMap<>(); // id -> key
    Map<String, String> ackedSecrets = new ConcurrentHashMap<>(); // path -> value
    AtomicInteger attempts = new AtomicInteger();
    Process first = startServer(data, "first");
    try {
      String base = awaitUrl(first, "first");
      HttpClient client = trustingClient(data.resolve("tls/cert.pem"));
      CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
      try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.submit(() -> stream(client, base, key, writer, attempts, new Acked(ackedFiles, ackedKeys, ackedSecrets), enough));
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("acknowledged writes before the kill; refusals: %s", REFUSALS).isTrue();
        first.destroyForcibly(); // SIGKILL while the writers are still sending
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      first.destroyForcibly();
    }
    int acked = ackedFiles.size() + ackedKeys.size() + ackedSecrets.size();
    System.out.printf("DurabilityKillTest: %d uploads, %d API keys, %d secret versions acknowledged of %d requests before SIGKILL%n",
        ackedFiles.size(), ackedKeys.size(), ackedSecrets.size(), attempts.get());
    assertThat(acked).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(ackedSecrets).isNotEmpty();
    assertThat(attempts.get()).as("some writes were in flight or refused at the kill").isGreaterThan(acked);

    Process second = startServer(data, "second");
    try {
      String base = awaitUrl(second, "second");
      HttpClient client = trustingClient(data.resolve("tls/cert.pem"));
      JsonNode listed = get(client, base + "/v1/files", key);
      Map<String, String> present = new ConcurrentHashMap<>();
      listed.get("files").forEach(f -> present.put(f.get("id").asText(), f.get("sha256").asText()));
      assertThat(present).containsAllEntriesOf(ackedFiles);
      for (Map.Entry<String, String> file : ackedFiles.entrySet()) {
        HttpResponse<byte[]> bytes = client.send(request(base + "/v1/files/" + file.getKey(), key).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(Digests.digest(DigestAlgorithm.SHA256, bytes.body()))).isEqualTo(file.getValue());
      }
      for (String issued : ackedKeys.values()) {
        HttpResponse<String> r = client.send(request(base + "/v1/files", issued).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("an acknowledged API key still authenticates").isEqualTo(200);
      }
      for (Map.Entry<String, String> secret : ackedSecrets.entrySet()) {
        JsonNode read = get(client, base + "/v1/secrets/" + secret.getKey(), key);
        assertThat(read.get("value").asText()).as("secret %s", secret.getKey()).isEqualTo(secret.getValue());
      }
      JsonNode verdict = JSON.readTree(client.send(request(base + "/v1/audit/verify", key)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(verdict.get("verdict").asText()).as(verdict.toString()).isEqualTo("intact");
      Set<String> audited = ConcurrentHashMap.newKeySet();
      long after = 0;
      while (true) {
        JsonNode page = get(client, base + "/v1/audit?action=file.upload&limit=500&after=" + after, key);
        page.get("events").forEach(e -> audited.add(e.get("details").get("file_id").asText()));
        if (page.get("next_after").isNull()) {
          break;
        }
        after = page.get("next_after").asLong();
      }
      assertThat(audited).as("every acknowledged upload was audited").containsAll(ackedFiles.keySet());
    } finally {
      second.destroy();
      if (!second.waitFor(20, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  /** What the server acknowledged: file id to SHA-256, API key id to key, secret path to value. */
  private record Acked(Map<String, String> files, Map<String, String> keys, Map<String, String> secrets) {}

  /** Writes until the server dies: uploads, secret writes, and an API-key creation every fifth request. */
  private static void stream(HttpClient client, String base, String key, int writer, AtomicInteger attempts, Acked acked,
      CountDownLatch enough) {
    Map<String, String> ackedFiles = acked.files();
    Map<String, String> ackedKeys = acked.keys();
    for (int n = 0; ; n++) {
      attempts.incrementAndGet();
      try {
        if (n % 5 == 2) {
          String path = "durable/w" + writer + "/n" + n;
          String value = "value-" + writer + "-" + n + "-" + System.nanoTime();
          HttpResponse<String> r = client.send(request(base + "/v1/secrets/" + path, key).header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
          REFUSALS.putIfAbsent(r.statusCode(), r.body());
          if (r.statusCode() / 100 == 2) {
            acked.secrets().put(path, value);
            enough.countDown();
          }
        } else if (n % 5 == 4) {
          HttpResponse<String> r = client.send(request(base + "/v1/api-keys", key).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"files:read\"]}")).build(), HttpResponse.BodyHandlers.ofString());
          REFUSALS.putIfAbsent(r.statusCode(), r.body());
          if (r.statusCode() == 201) {
            JsonNode created = JSON.readTree(r.body());
            ackedKeys.put(created.get("id").asText(), created.get("key").asText());
            enough.countDown();
          }
        } else {
          byte[] body = ("durability record " + writer + "/" + n + " " + System.nanoTime() + "\n").repeat(50)
              .getBytes(StandardCharsets.US_ASCII);
          HttpResponse<String> r = client.send(request(base + "/v1/files?name=w" + writer + "-" + n + ".txt", key)
              .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          REFUSALS.putIfAbsent(r.statusCode(), r.body());
          if (r.statusCode() == 201) {
            JsonNode created = JSON.readTree(r.body());
            assertThat(created.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(Digests.digest(DigestAlgorithm.SHA256, body)));
            ackedFiles.put(created.get("id").asText(), created.get("sha256").asText());
            enough.countDown();
          }
        }
      } catch (IOException e) {
        REFUSALS.putIfAbsent(-1, e.toString()); // expected after the kill; reported if it came before
        return; // the server is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Migrates the database the server will open and stores an API key for the test to use. */
  private static String seedApiKey(Path data) {
    try (Database db = Database.sqlite(data.resolve("bulwark.db"))) {
      Set<String> scopes = Set.of(Scope.FILES_READ.wireName(), Scope.FILES_WRITE.wireName(),
          Scope.APIKEYS_MANAGE.wireName(), Scope.AUDIT_READ.wireName(), Scope.SECRETS_READ.wireName(),
          Scope.SECRETS_WRITE.wireName());
      return ApiKeys.create(JdbcApiKeyStore.create(db.dataSource(), "api_keys"))
          .issue("acct-durable", scopes, Optional.empty()).key().insecureValue();
    }
  }

  private Process startServer(Path data, String name) throws IOException {
    String classPath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
        .orElse(System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classPath, ServerMain.class.getName(),
        "--listen", "127.0.0.1:0", "--data", data.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("BULWARK_"));
    // The test streams as fast as it can from one address and one key: lift the budgets.
    builder.environment().put("BULWARK_RATELIMIT_ADDRESS_PER_MINUTE", "1000000");
    builder.environment().put("BULWARK_RATELIMIT_STANDARD_PER_MINUTE", "1000000");
    builder.redirectErrorStream(true);
    builder.redirectOutput(logOf(name).toFile());
    return builder.start();
  }

  private String awaitUrl(Process process, String name) throws Exception {
    Path log = logOf(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("server " + name + " exited " + process.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server " + name + " did not print its URL:\n" + tail(log));
  }

  /** The child's output, kept under target/ so a failure can be read after the temp dir is gone. */
  private static Path logOf(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "durability-kill"));
    return dir.resolve(name + ".log");
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static HttpRequest.Builder request(String url, String bearer) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer);
  }

  private static JsonNode get(HttpClient client, String url, String bearer) throws Exception {
    HttpResponse<String> r = client.send(request(url, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** A client that trusts exactly the certificate the server generated into its data directory. */
  private static HttpClient trustingClient(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("bulwark", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
  }
}
