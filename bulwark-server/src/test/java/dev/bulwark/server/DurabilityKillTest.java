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
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * clients stream writes at it (file uploads and API-key creations), the process is SIGKILLed in the
 * middle ({@link Process#destroyForcibly()} is SIGKILL on Linux), and a new process on the same data
 * directory must hold every write that was acknowledged (2xx) before the kill: the row, the bytes
 * (same SHA-256), the key (it still authenticates) and the audit event; the audit log must verify.
 */
class DurabilityKillTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (https?://127\\.0\\.0\\.1:\\d+)\\R"); // whole line: the log is read while written
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITERS = 4;
  /**
   * Plain HTTP on loopback for now: at h-core 0832159 a server cannot restart on a data directory
   * holding its generated certificate (the EC key is written as SEC1 without its curve, and
   * TlsFiles cannot read it back; reported to the lead). Durability is a storage property; set this
   * to true once that is fixed.
   */
  private static final boolean TLS = false;
  private static final int ACKS_BEFORE_KILL = 60;
  private static final Map<Integer, String> REFUSALS = new ConcurrentHashMap<>();

  @TempDir Path temp;

  @Test
  void sigkillMidStream_losesNoAcknowledgedWrite() throws Exception {
    Path data = temp.resolve("data");
    String key = seedApiKey(data);

    Map<String, String> ackedFiles = new ConcurrentHashMap<>(); // id -> sha256
    Map<String, String> ackedKeys = new ConcurrentHashMap<>(); // id -> key
    AtomicInteger attempts = new AtomicInteger();
    Process first = startServer(data, "first");
    try {
      String base = awaitUrl(first, "first");
      HttpClient client = client(data);
      CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
      try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.submit(() -> stream(client, base, key, writer, attempts, ackedFiles, ackedKeys, enough));
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("acknowledged writes before the kill; refusals: %s", REFUSALS).isTrue();
        first.destroyForcibly(); // SIGKILL while the writers are still sending
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      first.destroyForcibly();
    }
    System.out.printf("DurabilityKillTest: %d uploads and %d API keys acknowledged of %d requests before SIGKILL%n",
        ackedFiles.size(), ackedKeys.size(), attempts.get());
    assertThat(ackedFiles.size() + ackedKeys.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(attempts.get()).as("some writes were in flight or refused at the kill")
        .isGreaterThan(ackedFiles.size() + ackedKeys.size());

    Process second = startServer(data, "second");
    try {
      String base = awaitUrl(second, "second");
      HttpClient client = client(data);
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

  /** Writes until the server dies: uploads, with an API-key creation every fifth request. */
  private static void stream(HttpClient client, String base, String key, int writer, AtomicInteger attempts,
      Map<String, String> ackedFiles, Map<String, String> ackedKeys, CountDownLatch enough) {
    for (int n = 0; ; n++) {
      attempts.incrementAndGet();
      try {
        if (n % 5 == 4) {
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

  /**
   * The child process: {@link ServerMain#start} exactly as {@code bulwark serve} runs it, then blocks.
   * Not {@link ServerMain#main} itself: at h-core 0832159 its {@code awaitStop} (Jetty's {@code join}
   * on a virtual-thread pool) returns at once and the JVM exits right after printing its URL
   * (reported to the lead). Switch back to {@code ServerMain} once that is fixed.
   */
  public static final class ServerProcess {
    private ServerProcess() {}

    /** {@code --listen HOST:PORT --data DIR}. */
    public static void main(String[] args) throws InterruptedException {
      Map<String, String> settings = Map.of("listen", args[1], "data", args[3], "http", args[4]);
      ServerMain.start(Optional.empty(), settings, System.getenv(), System.out::println);
      new CountDownLatch(1).await(); // until SIGKILL or SIGTERM
    }
  }

  /** Migrates the database the server will open and stores an API key for the test to use. */
  private static String seedApiKey(Path data) {
    try (Database db = Database.sqlite(data.resolve("bulwark.db"))) {
      Set<String> scopes = Set.of(Scope.FILES_READ.wireName(), Scope.FILES_WRITE.wireName(),
          Scope.APIKEYS_MANAGE.wireName(), Scope.AUDIT_READ.wireName());
      return ApiKeys.create(JdbcApiKeyStore.create(db.dataSource(), "api_keys"))
          .issue("acct-durable", scopes, Optional.empty()).key().insecureValue();
    }
  }

  private Process startServer(Path data, String name) throws IOException {
    String classPath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
        .orElse(System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // A port picked here rather than --listen 127.0.0.1:0: with port 0, ServerMain (h-core 0832159)
    // prints a port other than the one it binds (reported to the lead). The gap between closing the
    // probe socket and the server binding is a benign race on a test machine.
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classPath, ServerProcess.class.getName(),
        "--listen", "127.0.0.1:" + port, "--data", data.toString(), Boolean.toString(!TLS));
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

  private static HttpClient client(Path data) throws Exception {
    return TLS ? trustingClient(data.resolve("tls/cert.pem"))
        : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
